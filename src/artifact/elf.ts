// Which CPU an ELF file (a shared library, an executable) was built for, from its header: the magic
// bytes, the byte order (EI_DATA, offset 5) and e_machine (a 16-bit field at offset 18).
export const ELF_HEADER_BYTES = 20;

const MACHINES: Record<number, string> = {
  0x03: 'x86 (i386)',
  0x08: 'MIPS',
  0x14: 'PowerPC',
  0x15: 'PowerPC64',
  0x16: 's390',
  0x28: 'ARM (32-bit)',
  0x3e: 'x86-64',
  0xb7: 'aarch64',
  0xf3: 'RISC-V',
};
const AARCH64 = 0xb7;

/** undefined when the bytes are not an ELF header. */
export function elfMachine(
  header: Uint8Array,
): { machine: number; name: string; aarch64: boolean } | undefined {
  if (header.length < ELF_HEADER_BYTES) return undefined;
  if (header[0] !== 0x7f || header[1] !== 0x45 || header[2] !== 0x4c || header[3] !== 0x46) return undefined;
  const littleEndian = header[5] !== 2;
  const machine = littleEndian ? header[18] | (header[19] << 8) : (header[18] << 8) | header[19];
  return {
    machine,
    name: MACHINES[machine] ?? `machine 0x${machine.toString(16)}`,
    aarch64: machine === AARCH64,
  };
}
