export const id = 886;
export const ids = [886];
export const modules = {

/***/ 9886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  packageCode: () => (/* binding */ packageCode)
});

// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/artifact/artifact-errors.ts
var artifact_errors = __webpack_require__(8212);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/fflate/esm/index.mjs
var esm = __webpack_require__(1306);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/inputs/artifact-settings.ts
var artifact_settings = __webpack_require__(641);
;// CONCATENATED MODULE: ./src/artifact/elf.ts
// Which CPU an ELF file (a shared library, an executable) was built for, from its header: the magic
// bytes, the byte order (EI_DATA, offset 5) and e_machine (a 16-bit field at offset 18).
const ELF_HEADER_BYTES = 20;
const MACHINES = {
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
function elfMachine(header) {
    if (header.length < ELF_HEADER_BYTES)
        return undefined;
    if (header[0] !== 0x7f || header[1] !== 0x45 || header[2] !== 0x4c || header[3] !== 0x46)
        return undefined;
    const littleEndian = header[5] !== 2;
    const machine = littleEndian ? header[18] | (header[19] << 8) : (header[18] << 8) | header[19];
    return {
        machine,
        name: MACHINES[machine] ?? `machine 0x${machine.toString(16)}`,
        aarch64: machine === AARCH64,
    };
}

;// CONCATENATED MODULE: ./src/artifact/zip-directory.ts
// Zips a directory reproducibly: the same files give the same bytes on any machine and any day, so the
// zip's sha256 can name the S3 object and an unchanged directory is recognised as unchanged. Entries
// are sorted, carry a fixed timestamp, Unix modes 0644/0755 and no other metadata (no owner, no
// extended timestamps, no directory entries). Caches and VCS data are always left out.







/** AgentCore's limit for a zipped code artifact. */
const MAX_ZIP_BYTES = 250 * 1024 * 1024;
/** Always excluded: Python caches and version control data. */
const ALWAYS_EXCLUDED = ['**/__pycache__', '**/*.pyc', '**/.git'];
/** DOS timestamps are local time: built from local fields, this reads back as 1980-01-01 00:00 everywhere. */
const FIXED_TIME = () => new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;
const REGULAR_FILE = 0o100000;
class PackagingError extends Error {
    name = 'PackagingError';
}
/** A matcher for exclude globs (gitignore-like: a pattern without a slash matches at any depth). */
function excludeMatcher(patterns) {
    const all = [...ALWAYS_EXCLUDED, ...patterns].map((p) => p.replace(/\/+$/, ''));
    const anywhere = all.filter((p) => !p.includes('/'));
    const rooted = all.filter((p) => p.includes('/'));
    const byName = anywhere.length > 0 ? picomatch_default()(anywhere, { ...artifact_settings/* GLOB_OPTIONS */.gu, basename: true }) : () => false;
    const byPath = rooted.length > 0 ? picomatch_default()(rooted, artifact_settings/* GLOB_OPTIONS */.gu) : () => false;
    return (path) => byName(path) || byPath(path);
}
function zipDirectory(root, options = {}) {
    const excluded = excludeMatcher(options.exclude ?? []);
    const maxBytes = options.maxBytes ?? MAX_ZIP_BYTES;
    const files = listFiles(root, excluded).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const chunks = [];
    let size = 0;
    let failure = null;
    // fflate calls back synchronously with each piece of output (ZipDeflate is the synchronous kind).
    const zip = new esm/* Zip */.qQ((err, chunk) => {
        if (err)
            failure = err;
        else {
            size += chunk.length;
            chunks.push(chunk);
        }
    });
    const tooLarge = () => new PackagingError(`the zipped code is larger than ${formatBytes(maxBytes)} (AgentCore's limit for a code artifact): ` +
        'exclude what the agent does not need with code-exclude, or deploy a container image');
    const elfFiles = [];
    for (const file of files) {
        const data = (0,external_node_fs_.readFileSync)(file.absolute);
        const elf = elfMachine(data.subarray(0, ELF_HEADER_BYTES));
        if (elf)
            elfFiles.push({ path: file.path, machine: elf.name, aarch64: elf.aarch64 });
        const entry = new esm/* ZipDeflate */.D8(file.path, { level: 6 });
        // A streamed entry takes its metadata as properties, not constructor options.
        entry.mtime = FIXED_TIME();
        entry.os = UNIX;
        entry.attrs = ((REGULAR_FILE | (file.executable ? 0o755 : 0o644)) << 16) >>> 0;
        zip.add(entry);
        entry.push(data, true);
        if (failure)
            throw failure;
        if (size > maxBytes)
            throw tooLarge();
    }
    zip.end();
    if (failure)
        throw failure;
    if (size > maxBytes)
        throw tooLarge();
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
    }
    return {
        bytes,
        sha256: (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex'),
        entries: files.map((f) => f.path),
        elfFiles,
    };
}
/**
 * Every regular file under root that no pattern excludes. A symlink is followed when it stays inside
 * the directory (its target's content is zipped under the link's name) and refused when it leaves it:
 * the zip would carry files from elsewhere on the runner.
 */
function listFiles(root, excluded) {
    const realRoot = (0,external_node_fs_.realpathSync)(root);
    const files = [];
    const visited = new Set([realRoot]);
    const walk = (dir) => {
        for (const name of (0,external_node_fs_.readdirSync)(dir)) {
            const absolute = (0,external_node_path_.join)(dir, name);
            const path = (0,external_node_path_.relative)(root, absolute).split(external_node_path_.sep).join('/');
            if (excluded(path))
                continue;
            let stat = (0,external_node_fs_.lstatSync)(absolute);
            if (stat.isSymbolicLink()) {
                let target;
                try {
                    target = (0,external_node_fs_.realpathSync)(absolute);
                }
                catch {
                    throw new PackagingError(`${path} is a symbolic link to a file that does not exist`);
                }
                if (target !== realRoot && !target.startsWith(realRoot + external_node_path_.sep))
                    throw new PackagingError(`${path} is a symbolic link to ${target}, outside the code directory: copy what it points to into the directory, or exclude it with code-exclude`);
                stat = (0,external_node_fs_.statSync)(absolute);
                if (stat.isDirectory()) {
                    if (visited.has(target))
                        continue; // a link back up the tree would loop forever
                    visited.add(target);
                }
            }
            if (stat.isDirectory())
                walk(absolute);
            else if (stat.isFile())
                files.push({ path, absolute, executable: (stat.mode & 0o111) !== 0 });
        }
    };
    walk(root);
    return files;
}
function formatBytes(bytes) {
    if (bytes >= 1024 * 1024)
        return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
    if (bytes >= 1024)
        return `${Math.round((bytes / 1024) * 10) / 10} KB`;
    return `${bytes} bytes`;
}

;// CONCATENATED MODULE: ./src/artifact/code-artifact.ts



/** ELF files named in a refusal; the rest are counted. */
const LISTED_BINARIES = 5;
async function packageCode(options, store, log, runsCode = async () => false) {
    let zipped;
    try {
        zipped = zipDirectory(options.directory, { exclude: options.exclude });
    }
    catch (err) {
        if (err instanceof PackagingError)
            throw new artifact_errors/* ArtifactRefusedError */.d('code-path', err.message);
        throw err;
    }
    const where = `code-path ${options.directoryInput}`;
    if (zipped.entries.length === 0)
        throw new artifact_errors/* ArtifactRefusedError */.d('code-path', `${where} has no files to deploy (after exclusions)`);
    // The entry point's file is its last item (["opentelemetry-instrument", "main.py"] runs main.py).
    const entryFile = options.entryPoint.at(-1);
    if (entryFile && !zipped.entries.includes(entryFile))
        throw new artifact_errors/* ArtifactRefusedError */.d('code-entry-point', `${entryFile} is not in the zip made from ${where}: the entry point must be a path from the root of the ` +
            `directory (it has ${zipped.entries.slice(0, 5).join(', ')}${zipped.entries.length > 5 ? ', …' : ''}). ` +
            'Point code-path at the directory that holds it, or fix code-entry-point.');
    const foreign = zipped.elfFiles.filter((f) => !f.aarch64);
    if (foreign.length > 0) {
        if (!options.checkArchitecture)
            log.warning(`${where} has ${foreign.length} binaries not built for aarch64; check-architecture is off.`);
        else
            throw new artifact_errors/* ArtifactRefusedError */.d('code-path', `${where} has ${foreign.length} binar${foreign.length === 1 ? 'y' : 'ies'} not built for aarch64, and ` +
                `AgentCore runs on linux/arm64: ${foreign
                    .slice(0, LISTED_BINARIES)
                    .map((f) => `${f.path} (${f.machine})`)
                    .join(', ')}${foreign.length > LISTED_BINARIES ? `, and ${foreign.length - LISTED_BINARIES} more` : ''}. ` +
                'Install dependencies for the target, e.g. pip install --platform manylinux2014_aarch64 ' +
                '--only-binary=:all: --target <dir> -r requirements.txt. (check-architecture: false skips this check.)');
    }
    const key = `${options.prefix}${zipped.sha256}.zip`;
    const size = formatBytes(zipped.bytes.length);
    log.info(`Zipped ${where}: ${zipped.entries.length} files, ${size}, s3://${options.bucket}/${key}.`);
    if (!options.upload)
        return { bucket: options.bucket, key, uploaded: false, bytes: zipped.bytes.length };
    // Deployed from this very object, so it was there: a no-op neither asks S3 nor loads its client.
    if (await runsCode(options.bucket, key)) {
        log.info(`The runtime already runs s3://${options.bucket}/${key}: not looked up or uploaded again.`);
        return { bucket: options.bucket, key, uploaded: false, bytes: zipped.bytes.length };
    }
    let present = false;
    try {
        present = (await store().head(options.bucket, key)).exists;
    }
    catch (err) {
        // Without s3:ListBucket, S3 answers 403 for a missing key. Uploading the same bytes again is harmless.
        log.info(`Could not tell whether s3://${options.bucket}/${key} exists (${(0,errors/* errorMessage */.gJ)(err)}); uploading it.`);
    }
    if (present)
        log.info(`s3://${options.bucket}/${key} is already there (same content): not uploaded again.`);
    else {
        await store().put(options.bucket, key, zipped.bytes);
        log.info(`Uploaded s3://${options.bucket}/${key} (${size}).`);
    }
    return { bucket: options.bucket, key, uploaded: !present, bytes: zipped.bytes.length };
}


/***/ })

};
