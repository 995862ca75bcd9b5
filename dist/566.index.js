export const id = 566;
export const ids = [566];
export const modules = {

/***/ 8566:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadConfigFile: () => (/* binding */ loadConfigFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var _api_path_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8465);
// Loads the `config-file` input: a JSON or YAML document in the shape of the CreateAgentRuntime request,
// found relative to GITHUB_WORKSPACE (the checked-out repository), never to the action's own folder.
// The YAML parser also reads JSON, so one parsed document serves both formats for line/column lookups.




const INPUT = 'config-file';
function loadConfigFile(userPath, workspace) {
    const failed = (message, at) => ({
        file: undefined,
        errors: [{ field: INPUT, message, file: userPath, ...(at && { line: at.line, column: at.column }) }],
    });
    if (!workspace && !node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute(userPath))
        return failed(`cannot find ${userPath}: GITHUB_WORKSPACE is not set, and the path is resolved against it`);
    const resolved = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(workspace ?? '/', userPath);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(resolved))
        return failed(`${resolved} does not exist. config-file is resolved against GITHUB_WORKSPACE (${workspace ?? 'unset'}); ` +
            'check the path and that the repository is checked out (actions/checkout) before this step');
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(resolved).isDirectory())
        return failed(`${resolved} is a directory, not a JSON or YAML file`);
    const text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(resolved, 'utf8').replace(/^\uFEFF/, '');
    const parsed = parseText(text, formatOf(userPath), userPath);
    if ('error' in parsed)
        return failed(parsed.error, parsed.at);
    if (!isPlainObject(parsed.value))
        return failed(`${userPath} must hold a mapping of CreateAgentRuntime fields (e.g. agentRuntimeName: my_agent), ` +
            `not ${parsed.value === null ? 'nothing' : Array.isArray(parsed.value) ? 'a list' : `a ${typeof parsed.value}`}`, { line: 1, column: 1 });
    const document = withoutNulls(parsed.value);
    return { file: { path: userPath, document, locate: locator(parsed.layout) }, errors: [] };
}
function formatOf(path) {
    const ext = node_path__WEBPACK_IMPORTED_MODULE_1__.extname(path).toLowerCase();
    return ext === '.json' ? 'json' : ext === '.yml' || ext === '.yaml' ? 'yaml' : 'either';
}
function parseText(text, format, userPath) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_2__/* .LineCounter */ .HN();
    // prettyErrors off: the pretty form quotes the offending source line, which may hold a secret.
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parseDocument */ .Tp)(text, { lineCounter: lines, prettyErrors: false, merge: true });
    const layout = { doc, lines };
    if (format !== 'yaml') {
        let value;
        try {
            value = JSON.parse(text);
        }
        catch (err) {
            if (format === 'json')
                return jsonError(err, text, layout, userPath);
        }
        if (value !== undefined)
            return duplicateJsonKey(text, layout, userPath) ?? { value, layout };
    }
    const first = doc.errors[0];
    if (first) {
        const { line, col } = lines.linePos(first.pos[0]);
        const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more problem(s) after it)` : '';
        return {
            error: `${userPath} is not valid YAML: ${withoutSource(first.message)} at line ${line}, column ${col}${more}`,
            at: { line, column: col },
        };
    }
    try {
        return { value: doc.toJS(), layout };
    }
    catch (err) {
        return { error: `${userPath} is not valid YAML: ${err.message}` };
    }
}
/** Some YAML messages end in the offending text (`Not a YAML token: <text>`): cut it, it may be a secret. */
const withoutSource = (message) => message.replace(/: .*$/s, '');
/**
 * Node's JSON.parse reports a byte offset in some versions and quotes the source in others; the quoted
 * source is never shown (it may hold a secret). Without an offset, the YAML parser (JSON schema) finds
 * the spot, and failing that the end of the file.
 */
function jsonError(err, text, { lines }, userPath) {
    const message = err.message;
    const withOffset = /^(.*?) in JSON at position (\d+)/.exec(message);
    const reason = withOffset?.[1] ?? (/^Unexpected end/.test(message) ? 'unexpected end of input' : 'unexpected token');
    const offset = withOffset ? Number(withOffset[2]) : (firstJsonProblem(text) ?? text.length);
    const { line, col } = lines.linePos(offset);
    return {
        error: `${userPath} is not valid JSON: ${reason} at line ${line}, column ${col}`,
        at: { line, column: col },
    };
}
/**
 * JSON.parse silently keeps the last of two equal keys, so a duplicate (two `roleArn`s after a merge) would
 * deploy whichever came last. The YAML parser, which read the same text, reports them with positions.
 */
function duplicateJsonKey(text, { doc, lines }, userPath) {
    const duplicate = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
    if (!duplicate)
        return undefined;
    const { line, col } = lines.linePos(duplicate.pos[0]);
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(duplicate.pos[0]))?.[1];
    const key = quoted === undefined ? 'a key' : `the key "${quoted}"`;
    return {
        error: `${userPath} is not valid: ${key} appears twice in one object (again at line ${line}, column ${col}); ` +
            'JSON would silently keep only the last one. Remove one of them',
        at: { line, column: col },
    };
}
/** Read as YAML with the JSON schema, a bare word (`tru`, `secret`) is an error with a position. */
function firstJsonProblem(text) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parseDocument */ .Tp)(text, { schema: 'json', prettyErrors: false }).errors[0]?.pos[0];
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** `description:` with nothing after it means "not set", as in the API (null members are absent). */
function withoutNulls(value) {
    if (Array.isArray(value))
        return value.map(withoutNulls);
    if (!isPlainObject(value))
        return value;
    return Object.fromEntries(Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]));
}
const yamlTree = {
    keys: ({ value }) => (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(value)
        ? value.items.map((pair) => String((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isScalar */ .jn)(pair.key) ? pair.key.value : pair.key))
        : undefined,
    child: ({ value }, key) => {
        if (typeof key === 'number') {
            const item = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isSeq */ .oP)(value) ? value.items[key] : undefined;
            return item === undefined ? undefined : { value: item };
        }
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(value))
            return undefined;
        const pair = value.items.find((p) => (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isPair */ .tO)(p) && String((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isScalar */ .jn)(p.key) ? p.key.value : p.key) === key);
        return pair && { key: pair.key, value: pair.value };
    },
};
function locator({ doc, lines }) {
    return (apiPath, at = 'value') => {
        const { trail, complete } = (0,_api_path_js__WEBPACK_IMPORTED_MODULE_3__/* .walkPath */ .Tu)({ value: doc.contents }, apiPath, yamlTree);
        const slot = trail.at(-1);
        if (!slot)
            return undefined;
        // A scalar is shown where it is written; an object or list, and a missing member, at the key above it.
        const showValue = complete && at === 'value' && ((0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isScalar */ .jn)(slot.value) || !slot.key);
        const node = (showValue ? slot.value : slot.key) ?? slot.value;
        const offset = node?.range?.[0];
        if (offset === undefined)
            return undefined;
        const { line, col } = lines.linePos(offset);
        return { line, column: col };
    };
}


/***/ })

};
