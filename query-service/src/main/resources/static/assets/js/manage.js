/*
 * A coordinator's project management: register organisations (the number checked as it is typed,
 * Luhn for Sweden and modulus 11 for Norway, and again by the server), add partners, take work
 * packages through their steps, pilots through theirs, and record MANUAL indicator outcomes. Every
 * form posts its fields under the API's names through the query service's forwarding.
 */
(function () {
    'use strict';

    const { h, getJsonAfter, send, showProblem, clearProblem, showSaved } = window.Samverkan;
    const i18n = window.SamverkanI18n;
    const t = i18n.t;
    const CATEGORIES = ['PUBLIC_SECTOR', 'ACADEMIA', 'BUSINESS_SUPPORT', 'CIVIL_SOCIETY', 'COMPANY', 'OTHER'];
    const PARTNER_ROLES = ['PARTNER', 'CO_FINANCIER', 'ASSOCIATED'];

    const page = document.getElementById('manage-page');
    const projectId = page.dataset.projectId;
    const api = '/api/projects/' + encodeURIComponent(projectId);
    let project = null;
    let pilots = [];
    let indicators = [];
    let organisations = [];

    // ---- organisation numbers, checked as typed (the server checks again)

    /** Swedish organisationsnummer: NNNNNN-NNNN, Luhn over the ten digits. */
    function swedishValid(digits) {
        if (!/^\d{10}$/.test(digits)) {
            return false;
        }
        let sum = 0;
        for (let i = 0; i < 10; i++) {
            let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return sum % 10 === 0;
    }

    /** Norwegian organisasjonsnummer: nine digits, modulus 11 with weights 3,2,7,6,5,4,3,2. */
    function norwegianValid(digits) {
        if (!/^\d{9}$/.test(digits)) {
            return false;
        }
        const weights = [3, 2, 7, 6, 5, 4, 3, 2];
        const sum = weights.reduce((s, w, i) => s + w * Number(digits[i]), 0);
        const check = 11 - (sum % 11);
        return check !== 10 && (check === 11 ? 0 : check) === Number(digits[8]);
    }

    function checkNumber() {
        const form = document.getElementById('organisation-form');
        const typed = form.elements.orgNumber.value.trim();
        const digits = typed.replace(/[\s-]/g, '');
        const country = form.elements.country.value;
        const out = document.getElementById('orgNumber-check');
        if (!typed) {
            out.textContent = '';
            out.dataset.valid = '';
            return;
        }
        const valid = country === 'NO' ? norwegianValid(digits) : swedishValid(digits);
        const complete = country === 'NO' ? digits.length >= 9 : digits.length >= 10;
        out.dataset.valid = String(valid);
        out.className = 'small ' + (valid ? 'ok-text' : (complete ? 'field-error' : 'muted'));
        out.textContent = valid ? t('manage.number.valid') : (complete ? t('manage.number.invalid.' + country) : t('manage.number.incomplete.' + country));
    }

    /** The number in the register's form: NNNNNN-NNNN for Sweden, nine digits for Norway. */
    function normalisedNumber(form) {
        const digits = form.elements.orgNumber.value.replace(/[\s-]/g, '');
        return form.elements.country.value === 'SE' && /^\d{10}$/.test(digits) ? digits.slice(0, 6) + '-' + digits.slice(6)
            : form.elements.orgNumber.value.trim();
    }

    // ---- a small form builder: each field a label and a control named as the API names it

    let fieldCount = 0;

    function field(spec) {
        const id = 'f' + (++fieldCount) + '-' + spec.name;
        let control;
        if (spec.options) {
            control = h('select', { id, name: spec.name }, spec.options.map(([value, label]) => h('option', { value, text: label })));
        } else if (spec.type === 'textarea') {
            control = h('textarea', { id, name: spec.name, rows: 2, maxlength: 10000 });
        } else {
            control = h('input', { id, name: spec.name, type: spec.type || 'text', list: spec.list || null,
                min: spec.min || null, step: spec.type === 'number' ? 'any' : null, inputmode: spec.type === 'number' ? 'numeric' : null });
        }
        if (spec.value !== undefined) {
            control.value = spec.value;
        }
        return h('div', { class: 'field' }, h('label', { for: id, text: t(spec.label) }), control,
            spec.hint ? h('span', { class: 'muted small', text: t(spec.hint) }) : null);
    }

    function actionForm(spec) {
        const form = h('form', { class: 'work-form', novalidate: true, 'data-testid': spec.testid },
            spec.heading ? h('h3', { text: spec.heading }) : null,
            h('div', { class: 'field-row' }, spec.fields.map(field)),
            h('p', { class: 'form-status', 'data-form-status': true, role: 'status', 'aria-live': 'polite' }),
            h('button', { type: 'submit', class: 'button', text: t(spec.submit) }));
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            clearProblem(form);
            const answer = await send('POST', spec.path, spec.body(form.elements));
            if (!answer.ok) {
                showProblem(form, answer);
                return;
            }
            await reload(answer.position);
            const status = document.querySelector('[data-testid="' + spec.testid + '"] [data-form-status]');
            if (status) {
                showSaved(status.closest('form'), t('manage.saved'));
            }
        });
        return form;
    }

    const date = (e, name) => e[name].value || null;
    const whole = (e, name) => (e[name].value.trim() === '' ? null : Number(e[name].value));
    const list = (e, name) => e[name].value.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);
    const today = () => new Date().toISOString().slice(0, 10);

    // ---- the sections

    function draw() {
        const orgOptions = organisations.map((o) => [o.orgNumber, o.name + ' (' + o.orgNumber + ')']);
        document.getElementById('sections').replaceChildren(
            h('datalist', { id: 'org-numbers' }, organisations.map((o) => h('option', { value: o.orgNumber, text: o.name }))),
            h('section', { class: 'card', 'aria-labelledby': 'partners-heading' },
                h('h2', { id: 'partners-heading', text: t('manage.partners') }),
                h('ul', { class: 'plain-list small' }, (project.partners || []).map((p) => h('li', { text: p.name + ' (' + p.orgNumber + ') · ' + t('manage.role.' + p.role) }))),
                actionForm({ testid: 'partner-form', submit: 'manage.addPartner', path: api + '/partners',
                    fields: [{ name: 'orgNumber', label: 'manage.orgNumber', options: orgOptions },
                        { name: 'role', label: 'manage.partnerRole', options: PARTNER_ROLES.map((r) => [r, t('manage.role.' + r)]) }],
                    body: (e) => ({ orgNumber: e.orgNumber.value, role: e.role.value }) })),
            h('section', { class: 'card', 'aria-labelledby': 'wp-heading' },
                h('h2', { id: 'wp-heading', text: t('manage.workPackages') }),
                (project.workPackages || []).map(workPackage)),
            h('section', { class: 'card', 'aria-labelledby': 'pilots-heading' },
                h('h2', { id: 'pilots-heading', text: t('manage.pilots') }),
                pilots.map(pilot),
                actionForm({ testid: 'pilot-form', heading: t('manage.pilot.propose'), submit: 'manage.pilot.proposeButton', path: api + '/pilots',
                    fields: [{ name: 'name', label: 'manage.pilot.name' }, { name: 'challenge', label: 'manage.pilot.challenge', type: 'textarea' },
                        { name: 'proposedByOrgNumber', label: 'manage.pilot.proposedBy', options: orgOptions }],
                    body: (e) => ({ name: e.name.value, challenge: e.challenge.value, proposedByOrgNumber: e.proposedByOrgNumber.value }) })),
            h('section', { class: 'card', 'aria-labelledby': 'outcomes-heading' },
                h('h2', { id: 'outcomes-heading', text: t('manage.outcomes') }),
                indicators.filter((i) => i.countingRule === 'MANUAL').map(outcomeForm),
                indicators.some((i) => i.countingRule === 'MANUAL') ? null : h('p', { class: 'muted', text: t('manage.noManual') })));
    }

    function workPackage(wp) {
        const n = wp.number;
        const base = api + '/work-packages/' + n;
        return h('div', { class: 'question', 'data-testid': 'wp-' + n },
            h('h3', {}, t('work.workPackage', { number: n, name: wp.name }), ' ', h('span', { class: 'badge', text: i18n.has('wp.status.' + wp.status) ? t('wp.status.' + wp.status) : wp.status })),
            h('p', { class: 'muted small', text: i18n.date(wp.plannedStart) + ' – ' + i18n.date(wp.plannedEnd) }),
            wp.lifecycle === 'PLANNED' ? actionForm({ testid: 'wp-' + n + '-start', submit: 'manage.wp.start', path: base + '/start',
                fields: [{ name: 'startedOn', label: 'manage.wp.startedOn', type: 'date', value: today() }],
                body: (e) => ({ startedOn: date(e, 'startedOn') }) }) : null,
            wp.lifecycle === 'ACTIVE' ? actionForm({ testid: 'wp-' + n + '-complete', submit: 'manage.wp.complete', path: base + '/completion',
                fields: [{ name: 'completedOn', label: 'manage.wp.completedOn', type: 'date', value: today() }],
                body: (e) => ({ completedOn: date(e, 'completedOn') }) }) : null,
            wp.lifecycle !== 'COMPLETED' ? actionForm({ testid: 'wp-' + n + '-replan', submit: 'manage.wp.replan', path: base + '/replan',
                fields: [{ name: 'plannedEnd', label: 'manage.wp.plannedEnd', type: 'date', value: wp.plannedEnd },
                    { name: 'reason', label: 'manage.reason', type: 'textarea' }],
                body: (e) => ({ plannedEnd: date(e, 'plannedEnd'), reason: e.reason.value }) }) : null);
    }

    function pilot(p) {
        const base = '/api/pilots/' + encodeURIComponent(p.id);
        const open = p.status === 'PROPOSED' || p.status === 'INCLUDED';
        return h('div', { class: 'question', 'data-testid': 'pilot-' + p.id },
            h('h3', {}, p.name, ' ', h('span', { class: 'badge', text: t('pilot.status.' + p.status) })),
            h('p', { class: 'small', text: p.challenge }),
            p.status === 'PROPOSED' ? actionForm({ testid: 'pilot-' + p.id + '-include', submit: 'manage.pilot.include', path: base + '/inclusion',
                fields: [{ name: 'includedOn', label: 'manage.pilot.includedOn', type: 'date', value: today() },
                    { name: 'members', label: 'manage.pilot.members', type: 'number', min: 1 },
                    { name: 'workingGroup', label: 'manage.pilot.workingGroup', list: 'org-numbers', hint: 'manage.listHint' }],
                body: (e) => ({ includedOn: date(e, 'includedOn'), members: whole(e, 'members'), workingGroup: list(e, 'workingGroup') }) }) : null,
            p.status === 'INCLUDED' ? actionForm({ testid: 'pilot-' + p.id + '-conclude', submit: 'manage.pilot.conclude', path: base + '/conclusion',
                fields: [{ name: 'concludedOn', label: 'manage.pilot.concludedOn', type: 'date', value: today() },
                    { name: 'outcome', label: 'manage.pilot.outcome', type: 'textarea' }],
                body: (e) => ({ concludedOn: date(e, 'concludedOn'), outcome: e.outcome.value }) }) : null,
            open ? actionForm({ testid: 'pilot-' + p.id + '-withdraw', submit: 'manage.pilot.withdraw', path: base + '/withdrawal',
                fields: [{ name: 'withdrawnOn', label: 'manage.pilot.withdrawnOn', type: 'date', value: today() },
                    { name: 'reason', label: 'manage.reason', type: 'textarea' }],
                body: (e) => ({ withdrawnOn: date(e, 'withdrawnOn'), reason: e.reason.value }) }) : null);
    }

    function outcomeForm(indicator) {
        return actionForm({ testid: 'outcome-' + indicator.code, heading: indicator.name + ' (' + i18n.number(Number(indicator.total || 0)) + ' / '
                + i18n.number(Number(indicator.target || 0)) + ')', submit: 'manage.outcome.record',
            path: api + '/indicators/' + encodeURIComponent(indicator.code) + '/outcomes',
            fields: [{ name: 'year', label: 'manage.outcome.year', type: 'number', value: new Date().getFullYear() },
                { name: 'value', label: 'manage.outcome.value', type: 'number', hint: 'manage.outcome.valueHint' },
                { name: 'organisations', label: 'manage.outcome.organisations', list: 'org-numbers', hint: 'manage.listHint' },
                { name: 'note', label: 'manage.outcome.note', type: 'textarea' }],
            body: (e) => {
                const body = { year: whole(e, 'year'), note: e.note.value };
                if (e.value.value.trim() !== '') {
                    body.value = Number(e.value.value);
                }
                if (e.organisations.value.trim() !== '') {
                    body.organisations = list(e, 'organisations');
                }
                return body;
            } });
    }

    async function reload(position) {
        [project, pilots, indicators, organisations] = await Promise.all([
            getJsonAfter(api, position), getJsonAfter(api + '/pilots', position),
            getJsonAfter(api + '/indicators', position), getJsonAfter('/api/organisations', position)]);
        draw();
    }

    function wireOrganisationForm() {
        const form = document.getElementById('organisation-form');
        form.elements.category.replaceChildren(...CATEGORIES.map((c) => h('option', { value: c, text: t('category.' + c) })));
        form.elements.orgNumber.addEventListener('input', checkNumber);
        form.elements.country.addEventListener('change', checkNumber);
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            clearProblem(form);
            const e = form.elements;
            const answer = await send('POST', '/api/organisations',
                { orgNumber: normalisedNumber(form), name: e.name.value, country: e.country.value, category: e.category.value });
            if (!answer.ok) {
                showProblem(form, answer);
                return;
            }
            form.reset();
            checkNumber();
            showSaved(form, t('manage.registered'));
            await reload(answer.position);
        });
    }

    async function start() {
        wireOrganisationForm();
        document.addEventListener('samverkan:language', () => {
            checkNumber();
            if (project) {
                draw();
            }
        });
        try {
            await reload(null);
            page.dataset.ready = 'true';
        } catch (error) {
            if (error.status !== 401) {
                const box = document.getElementById('load-error');
                box.textContent = t('work.loadError', { detail: error.detail || error.message });
                box.hidden = false;
            }
        }
    }

    start();
})();
