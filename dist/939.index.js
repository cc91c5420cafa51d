export const id = 939;
export const ids = [939];
export const modules = {

/***/ 10971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FZ: () => (/* binding */ parseEnvironmentFile),
/* harmony export */   q9: () => (/* binding */ urlEnvName)
/* harmony export */ });
/* unused harmony export SERVICE_INPUTS */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9691);
/* harmony import */ var _config_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64389);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22156);
/**
 * The environment file (`services` input): the services one run previews together, each with the action's
 * own inputs and the services it needs. Pure: the caller reads the file.
 *
 *   name: shop
 *   services:
 *     api:    { context: api, health_path: /healthz }
 *     worker: { context: worker }
 *     web:    { context: web, needs: [api] }
 */





/** Inputs a service may set for itself; everything else (project, region, token, tag...) is the run's. */
const SERVICE_INPUTS = [
    'image_name',
    'repository',
    ...(0,_config_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .inputsInGroups */ .tB)('build', 'builder', 'deploy', 'preview', 'checks', 'data'),
    'canary',
];
const SERVICE_NAME = /^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$/;
const scalar = zod__WEBPACK_IMPORTED_MODULE_4__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY()]);
const value = zod__WEBPACK_IMPORTED_MODULE_4__/* .union */ .KCZ([scalar, zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(scalar), zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), scalar)]);
const serviceSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), value.nullable()).nullable();
const fileSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()
        .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
        .optional(),
    services: zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), serviceSchema),
});
/** `api` -> `API_URL`, `my-api` -> `MY_API_URL`: the variable a dependent service reads a preview URL from. */
function urlEnvName(service) {
    return `${service.toUpperCase().replace(/-/g, '_')}_URL`;
}
function inputString(v) {
    if (Array.isArray(v))
        return v.map(String).join(',');
    if (typeof v === 'object') {
        return Object.entries(v)
            .map(([k, x]) => `${k}=${String(x)}`)
            .join('\n');
    }
    return String(v);
}
/**
 * Parses the file's text; `source` names it in every message. Unknown keys, bad service names and
 * malformed `needs` fail here, naming the file, the service and what is allowed.
 */
function parseEnvironmentFile(text, source) {
    const bad = (what) => new _config_user_error_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .y(`Input 'services' (${source}): ${what}.`, 'services');
    let raw;
    try {
        raw = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(text);
    }
    catch (err) {
        throw bad(`not valid YAML: ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(err).split('\n')[0]}`);
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw bad(`${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}; allowed: an optional name ` +
            '(lowercase, digits, hyphens) and services: a map of service name to its inputs');
    }
    const entries = Object.entries(parsed.data.services);
    if (entries.length === 0)
        throw bad('services is empty; allowed: at least one service');
    const allowed = new Set(SERVICE_INPUTS);
    const services = entries.map(([name, body]) => {
        if (!SERVICE_NAME.test(name)) {
            throw bad(`service ${JSON.stringify(name)} is not a Cloud Run service name; allowed: lowercase letters, digits and hyphens, starting with a letter, up to 49 characters`);
        }
        const inputs = {};
        let needs = [];
        for (const [key, v] of Object.entries(body ?? {})) {
            if (v === null)
                continue;
            if (key === 'needs') {
                const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : null;
                if (list === null || !list.every((n) => typeof n === 'string')) {
                    throw bad(`service ${name}: needs must be a service name or a list of them`);
                }
                needs = list.map(String);
                continue;
            }
            if (!allowed.has(key)) {
                throw bad(`service ${name}: unknown key ${JSON.stringify(key)}; allowed: needs, ${SERVICE_INPUTS.join(', ')}`);
            }
            inputs[key] = inputString(v);
        }
        return { name, needs, inputs };
    });
    const fallback = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(source).replace(/\.ya?ml$/i, '');
    return { name: parsed.data.name ?? (/^[a-z0-9-]+$/.test(fallback) ? fallback : 'environment'), services };
}


/***/ }),

/***/ 7939:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  environmentOfService: () => (/* binding */ environmentOfService),
  loadEnvironment: () => (/* binding */ loadEnvironment)
});

// UNUSED EXPORTS: readEnvironmentSpec

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/environment/environment-file.ts
var environment_file = __webpack_require__(10971);
;// CONCATENATED MODULE: ./src/environment/graph.ts
/**
 * The environment's dependency graph: checked once (unknown names, self-references and cycles are input
 * errors), then walked in an order where every service comes after what it needs. Pure.
 */

/**
 * The nodes in dependency order, ties kept in the file's order. Throws a UserError naming the first unknown
 * need, or one cycle as a path (`web -> api -> web`).
 */
function dependencyOrder(nodes, source) {
    const bad = (what) => new user_error/* UserError */.y(`Input 'services' (${source}): ${what}.`, 'services');
    const byName = new Map(nodes.map((n) => [n.name, n]));
    for (const n of nodes) {
        for (const need of n.needs) {
            if (need === n.name)
                throw bad(`service ${n.name} needs itself`);
            if (!byName.has(need)) {
                throw bad(`service ${n.name} needs ${JSON.stringify(need)}, which is not in the file; allowed: ${[...byName.keys()].join(', ')}`);
            }
        }
    }
    const order = [];
    const state = new Map();
    const visit = (n, path) => {
        const s = state.get(n.name);
        if (s === 'done')
            return;
        if (s === 'visiting') {
            const cycle = [...path.slice(path.indexOf(n.name)), n.name];
            throw bad(`the needs form a cycle: ${cycle.join(' -> ')}; allowed: needs without cycles`);
        }
        state.set(n.name, 'visiting');
        for (const need of n.needs)
            visit(byName.get(need), [...path, n.name]);
        state.set(n.name, 'done');
        order.push(n);
    };
    for (const n of nodes)
        visit(n, []);
    return order;
}
/** Every service that needs `name`, directly or through others. */
function dependentsOf(nodes, name) {
    const out = new Set();
    const walk = (target) => {
        for (const n of nodes) {
            if (n.needs.includes(target) && !out.has(n.name)) {
                out.add(n.name);
                walk(n.name);
            }
        }
    };
    walk(name);
    return [...out];
}

;// CONCATENATED MODULE: ./src/environment/load-environment.ts
/**
 * Turns the `services` input into the environment's members, each with its own validated config: the
 * file's inputs for the service over the step's inputs. A mistake names the file and the service.
 */




/** The run of the `service` input: an environment of one member, whose hooks are trivially met. */
function environmentOfService(config) {
    return {
        name: config.service,
        source: `service ${config.service}`,
        single: true,
        members: [{ name: config.service, needs: [], config }],
    };
}
/** The spec from the input: inline YAML (a value with a line break) or a path in the workspace. */
function readEnvironmentSpec(value) {
    if (value.includes('\n'))
        return { spec: (0,environment_file/* parseEnvironmentFile */.FZ)(value, 'inline'), source: 'inline' };
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(value, 'utf8');
    }
    catch (err) {
        throw user_error/* UserError */.y.forInput('services', value, `cannot read it (${(0,user_error/* errorMessage */.g)(err).split(':')[0]}); allowed: a path to the environment file in the checked-out workspace, or inline YAML`);
    }
    return { spec: (0,environment_file/* parseEnvironmentFile */.FZ)(text, value), source: value };
}
/**
 * Each member's config through the same parser a single service uses (`load`), so every input means the
 * same in the file as in the step. `filter` keeps only the inputs the command reads.
 */
async function loadEnvironment(value, read, filter, load) {
    const { spec, source } = readEnvironmentSpec(value);
    if (read('service').trim() !== '') {
        throw user_error/* UserError */.y.forInput('service', read('service').trim(), `leave it empty when 'services' names the environment's services (${source})`);
    }
    const ordered = dependencyOrder(spec.services, source);
    const members = [];
    for (const s of ordered) {
        const own = (name) => name === 'service' ? s.name : name === 'services' ? '' : (s.inputs[name] ?? read(name));
        try {
            members.push({ name: s.name, needs: s.needs, config: await load(filter(own)) });
        }
        catch (err) {
            if (err instanceof user_error/* UserError */.y) {
                throw new user_error/* UserError */.y(`Input 'services' (${source}), service ${s.name}: ${err.message}`, err.input);
            }
            throw err;
        }
    }
    return { name: spec.name, source, members };
}


/***/ })

};
