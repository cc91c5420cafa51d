export const id = 349;
export const ids = [349];
export const modules = {

/***/ 90349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   templateFromFile: () => (/* binding */ templateFromFile)
/* harmony export */ });
/* harmony import */ var _google_cloud_run_build_protos_protos_json__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(89301);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22156);
/**
 * The `template_file` escape hatch: a Cloud Run v2 RevisionTemplate (or a v2 Service, of which only
 * `template` is used) in YAML or JSON, checked field by field against the protos @google-cloud/run ships,
 * so a typo is an input error naming the field rather than a setting silently dropped.
 */


const root = _google_cloud_run_build_protos_protos_json__WEBPACK_IMPORTED_MODULE_0__;
const SCALARS = new Set([
    'string',
    'bool',
    'bytes',
    'int32',
    'int64',
    'uint32',
    'uint64',
    'sint32',
    'sint64',
    'fixed32',
    'fixed64',
    'double',
    'float',
]);
/** Fields of a template the action itself sets or that Cloud Run fills in. */
const OWNED = new Set(['revision']);
function lookup(path) {
    let node = { nested: root.nested };
    for (const part of path.split('.'))
        node = node?.nested?.[part];
    return node;
}
/** Resolves a type name as protobuf does: from the referring scope outwards. */
function resolve(type, scope) {
    const parts = scope.split('.');
    for (let i = parts.length; i >= 0; i--) {
        const name = [...parts.slice(0, i), type].join('.');
        const desc = lookup(name);
        if (desc !== undefined)
            return { name, desc };
    }
    return undefined;
}
function problem(path, what) {
    return _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .y.forInput('template_file', path, what);
}
function checkValue(value, field, scope, path) {
    if (field.keyType !== undefined) {
        if (typeof value !== 'object' || value === null || Array.isArray(value))
            throw problem(path, 'allowed: a map of keys to values');
        for (const [k, v] of Object.entries(value))
            checkSingle(v, field.type, scope, `${path}.${k}`);
        return;
    }
    if (field.rule === 'repeated') {
        if (!Array.isArray(value))
            throw problem(path, 'allowed: a list');
        value.forEach((v, i) => checkSingle(v, field.type, scope, `${path}[${i}]`));
        return;
    }
    checkSingle(value, field.type, scope, path);
}
function checkSingle(value, type, scope, path) {
    if (SCALARS.has(type)) {
        const ok = type === 'string' || type === 'bytes'
            ? typeof value === 'string'
            : type === 'bool'
                ? typeof value === 'boolean'
                : typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));
        if (!ok)
            throw problem(path, `allowed: a ${type} value`);
        return;
    }
    if (type === 'google.protobuf.Duration') {
        if (typeof value === 'string' && /^\d+(\.\d{1,9})?s$/.test(value))
            return;
        if (typeof value === 'object' && value !== null)
            return checkMessage(value, type, path);
        throw problem(path, 'allowed: a duration such as "300s"');
    }
    const found = resolve(type, scope);
    if (found === undefined)
        throw problem(path, `cannot check fields of type ${type}`);
    if (found.desc.values !== undefined) {
        if (typeof value === 'string' && value in found.desc.values)
            return;
        throw problem(path, `allowed: ${Object.keys(found.desc.values).join(' | ')}`);
    }
    checkMessage(value, found.name, path);
}
function checkMessage(value, typeName, path) {
    const desc = lookup(typeName);
    if (typeof value !== 'object' || value === null || Array.isArray(value) || desc?.fields === undefined)
        throw problem(path, `allowed: a ${typeName.split('.').pop() ?? typeName} object`);
    const scope = typeName.split('.').slice(0, -1).join('.');
    for (const [key, v] of Object.entries(value)) {
        const field = desc.fields[key];
        const at = path === '' ? key : `${path}.${key}`;
        if (field === undefined) {
            throw problem(at, `unknown field '${key}' of ${typeName.split('.').pop() ?? typeName}; allowed: ${Object.keys(desc.fields).join(', ')}`);
        }
        checkValue(v, field, `${scope}.${typeName.split('.').pop() ?? ''}`, at);
    }
}
/** Durations as the API message wants them (`"300s"` is the JSON form; gax takes `{ seconds }`). */
function normaliseDurations(value) {
    if (Array.isArray(value))
        return value.map(normaliseDurations);
    if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseDurations(v)]));
    }
    if (typeof value === 'string') {
        const m = /^(\d+)(?:\.(\d{1,9}))?s$/.exec(value);
        if (m)
            return { seconds: Number(m[1]), nanos: Number((m[2] ?? '').padEnd(9, '0')) };
    }
    return value;
}
/**
 * The template a parsed file describes: a RevisionTemplate, or a Service's `template` (a Service's own
 * fields are refused, since previews never change service-level settings). Every field is checked.
 */
function templateFromFile(parsed) {
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw problem('(file)', 'allowed: a Cloud Run v2 RevisionTemplate or Service object');
    }
    const obj = parsed;
    let template = obj;
    if ('template' in obj) {
        const other = Object.keys(obj).filter((k) => k !== 'template');
        if (other.length > 0) {
            throw problem(other[0], 'service-level fields are not changed by this action (set them with gcloud or Terraform); allowed: template');
        }
        template = obj.template;
    }
    checkMessage(template, 'google.cloud.run.v2.RevisionTemplate', '');
    for (const key of Object.keys(template)) {
        if (OWNED.has(key))
            throw problem(key, 'the action names revisions itself; remove the field');
    }
    return normaliseDurations(template);
}


/***/ })

};
