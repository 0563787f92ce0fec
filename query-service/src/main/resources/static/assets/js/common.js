/* Small helpers shared by the pages: building DOM and SVG, reading the JSON API, dates. */
(function () {
    'use strict';

    const SVG_NS = 'http://www.w3.org/2000/svg';
    const DAY_MS = 24 * 60 * 60 * 1000;

    /*
     * Builds an element. attrs: plain attributes, plus "text" (textContent), "style" (an object set
     * through the CSSOM, which the pages' Content-Security-Policy allows, unlike style attributes)
     * and on<event> listeners. Children may be nodes, strings, arrays, null or false.
     */
    function build(namespace, tag, attrs, children) {
        const node = namespace ? document.createElementNS(namespace, tag) : document.createElement(tag);
        for (const [name, value] of Object.entries(attrs || {})) {
            if (value === null || value === undefined || value === false) {
                continue;
            }
            if (name === 'text') {
                node.textContent = value;
            } else if (name === 'style') {
                Object.assign(node.style, value);
            } else if (name.startsWith('on') && typeof value === 'function') {
                node.addEventListener(name.slice(2), value);
            } else {
                node.setAttribute(name, value === true ? '' : String(value));
            }
        }
        for (const child of children.flat(Infinity)) {
            if (child === null || child === undefined || child === false) {
                continue;
            }
            node.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
        return node;
    }

    const h = (tag, attrs, ...children) => build(null, tag, attrs, children);
    const s = (tag, attrs, ...children) => build(SVG_NS, tag, attrs, children);

    class HttpError extends Error {
        constructor(status, detail) {
            super(detail);
            this.status = status;
            this.detail = detail;
        }
    }

    function signInAgain() {
        window.location.assign('/sign-in?next=' + encodeURIComponent(window.location.pathname + window.location.search));
    }

    /** GETs JSON with the session cookie; an ended session goes back to the sign-in page. */
    async function getJson(path) {
        let response;
        try {
            response = await fetch(path, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
        } catch (e) {
            throw new HttpError(0, window.SamverkanI18n.t('error.network'));
        }
        if (response.status === 401) {
            signInAgain();
            throw new HttpError(401, 'signed out');
        }
        if (!response.ok) {
            let detail = response.status + ' ' + response.statusText;
            try {
                const problem = await response.json();
                detail = problem.detail || problem.title || detail;
            } catch (e) {
                // not problem+json: the status line says enough
            }
            throw new HttpError(response.status, detail);
        }
        return response.json();
    }

    /** The CSRF token the query service set as a cookie (PageSecurity); sent with every write. */
    function csrfToken() {
        const match = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
        return match ? decodeURIComponent(match.slice('XSRF-TOKEN='.length)) : '';
    }

    /**
     * Sends a write with the session cookie and the CSRF token. Paths of the command API (/api/...) go
     * through the query service's forwarding (/command/api/...), so the page talks to one origin.
     * Answers {ok, status, body, position, etag}; body is the parsed JSON (a problem on failure).
     */
    async function send(method, path, body, options) {
        const target = (options && options.queryService) ? path : '/command' + path;
        const headers = { Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken() };
        if (body !== undefined && body !== null) {
            headers['Content-Type'] = 'application/json';
        }
        let response;
        try {
            response = await fetch(target, {
                method, credentials: 'same-origin', cache: 'no-store', headers,
                body: body === undefined || body === null ? undefined : JSON.stringify(body)
            });
        } catch (e) {
            throw new HttpError(0, window.SamverkanI18n.t('error.network'));
        }
        if (response.status === 401) {
            signInAgain();
            throw new HttpError(401, 'signed out');
        }
        let parsed = null;
        try {
            parsed = await response.json();
        } catch (e) {
            parsed = null; // 204 and friends
        }
        return {
            ok: response.ok, status: response.status, body: parsed,
            position: response.headers.get('Samverkan-Position'), etag: response.headers.get('ETag')
        };
    }

    /**
     * A read that shows a write: it sends the write's Samverkan-Position as ?minPosition, so the query service
     * answers only once its read models have processed the write. Should they take longer than the service waits
     * (503, not yet consistent), it asks again after the Retry-After a few times before giving up.
     */
    async function getJsonAfter(path, position) {
        if (!position) {
            return getJson(path);
        }
        const waiting = path + (path.includes('?') ? '&' : '?') + 'minPosition=' + encodeURIComponent(position);
        for (let attempt = 1; ; attempt++) {
            try {
                return await getJson(waiting);
            } catch (error) {
                if (error.status !== 503 || attempt >= 3) {
                    throw error;
                }
                await new Promise((resolve) => setTimeout(resolve, 1000));
            }
        }
    }

    /** The signed-in caller: {userId, role, projects, name}. */
    let me = null;
    async function caller() {
        if (!me) {
            me = await getJson('/api/me');
        }
        return me;
    }

    /**
     * Shows a failed write on its form: each {field, message} of a problem next to the field of that
     * name (aria-describedby, aria-invalid), the rest in the form's status line (aria-live).
     */
    function showProblem(form, answer) {
        clearProblem(form);
        const problem = answer.body || {};
        const status = form.querySelector('[data-form-status]');
        const general = [];
        for (const error of problem.errors || []) {
            const field = fieldFor(form, error.field);
            if (field) {
                const message = h('span', { class: 'field-error', id: 'error-' + field.id, 'data-field-error': error.field, text: error.message });
                field.setAttribute('aria-invalid', 'true');
                field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), message.id].filter(Boolean).join(' '));
                (field.closest('label, .field') || field).after(message);
            } else {
                general.push((error.field ? error.field + ': ' : '') + error.message);
            }
        }
        const detail = problem.detail || problem.title || (answer.status + '');
        if (status) {
            status.className = 'form-status error';
            status.textContent = general.length ? detail + ' ' + general.join(' ') : detail;
        }
    }

    /** The form control an API field names: "participants.women" finds name="women" when there is no name="participants.women". */
    function fieldFor(form, name) {
        if (!name) {
            return null;
        }
        const byName = (n) => Array.from(form.elements).find((e) => e.name === n && e.id);
        let field = byName(name);
        const parts = String(name).split(/[.\[\]]+/).filter(Boolean);
        for (let i = parts.length - 1; !field && i >= 0; i--) {
            field = byName(parts[i]);
        }
        return field || null;
    }

    function clearProblem(form) {
        form.querySelectorAll('.field-error').forEach((e) => e.remove());
        form.querySelectorAll('[aria-invalid]').forEach((e) => {
            e.removeAttribute('aria-invalid');
            const described = (e.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('error-'));
            if (described.length) {
                e.setAttribute('aria-describedby', described.join(' '));
            } else {
                e.removeAttribute('aria-describedby');
            }
        });
        const status = form.querySelector('[data-form-status]');
        if (status) {
            status.className = 'form-status';
            status.textContent = '';
        }
    }

    function showSaved(form, text) {
        const status = form.querySelector('[data-form-status]');
        if (status) {
            status.className = 'form-status saved';
            status.textContent = text;
        }
    }

    /** Plain HTML forms that post (sign out) carry the CSRF token as the _csrf field. */
    function protectForms() {
        document.querySelectorAll('form[method="post"], form[method="POST"]').forEach((form) => {
            let input = form.querySelector('input[name="_csrf"]');
            if (!input) {
                input = h('input', { type: 'hidden', name: '_csrf' });
                form.prepend(input);
            }
            input.value = csrfToken();
        });
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', protectForms);
    } else {
        protectForms();
    }

    /** A calendar date (YYYY-MM-DD) as days since the epoch, so that dates compare and subtract exactly. */
    function day(isoDate) {
        if (!isoDate) {
            return null;
        }
        const [y, m, d] = String(isoDate).slice(0, 10).split('-').map(Number);
        return Date.UTC(y, m - 1, d) / DAY_MS;
    }

    /** Today in the reader's calendar, as days since the epoch. */
    function today() {
        const now = new Date();
        return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS;
    }

    function isoMonthOf(dayNumber) {
        return new Date(dayNumber * DAY_MS).toISOString().slice(0, 7);
    }

    /** Months YYYY-MM from the first to the last, both included. */
    function monthsBetween(firstMonth, lastMonth) {
        const months = [];
        let [y, m] = firstMonth.split('-').map(Number);
        const [ly, lm] = lastMonth.split('-').map(Number);
        while (y < ly || (y === ly && m <= lm)) {
            months.push(y + '-' + String(m).padStart(2, '0'));
            m += 1;
            if (m > 12) {
                m = 1;
                y += 1;
            }
        }
        return months;
    }

    /** Share of the period that has passed today, 0..1. */
    function elapsed(periodStart, periodEnd) {
        const start = day(periodStart);
        const end = day(periodEnd);
        if (start === null || end === null || end <= start) {
            return 0;
        }
        return Math.min(1, Math.max(0, (today() - start) / (end - start)));
    }

    function organisationName(organisation) {
        if (!organisation) {
            return '';
        }
        return typeof organisation === 'string' ? organisation : (organisation.name || organisation.orgNumber || '');
    }

    /** The bar of time elapsed in a project's period, with its words. */
    function periodProgress(project, testidPrefix) {
        const i18n = window.SamverkanI18n;
        const share = elapsed(project.periodStart, project.periodEnd);
        let words;
        if (today() < day(project.periodStart)) {
            words = i18n.t('project.notStarted', { date: i18n.date(project.periodStart) });
        } else if (today() > day(project.periodEnd)) {
            words = i18n.t('project.ended', { date: i18n.date(project.periodEnd) });
        } else {
            words = i18n.t('project.elapsed', { percent: i18n.percent(share) });
        }
        return h('div', { class: 'period' },
            h('div', { class: 'period-dates' },
                h('span', { class: 'label', text: i18n.t('project.period') }),
                ' ',
                h('span', { 'data-testid': testidPrefix + 'period', text: i18n.date(project.periodStart) + ' – ' + i18n.date(project.periodEnd) })),
            h('div', {
                class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
                'aria-valuenow': Math.round(share * 100), 'aria-valuetext': words
            }, h('div', { class: 'progress-fill', style: { width: (share * 100).toFixed(1) + '%' } })),
            h('div', { class: 'muted small', 'data-testid': testidPrefix + 'elapsed', text: words }));
    }

    /** An alert of the dashboard JSON in the reader's language, with the figures behind it; its own message otherwise. */
    function alertText(alert, dashboard) {
        const i18n = window.SamverkanI18n;
        if (alert.kind === 'WORK_PACKAGE_DELAYED') {
            const wp = (dashboard.workPackages || []).find((w) => String(w.number) === String(alert.subject));
            if (wp) {
                return i18n.t('alert.WORK_PACKAGE_DELAYED', { number: wp.number, name: wp.name, delay: i18n.tn('wp.delay', wp.delayDays || 0) });
            }
        }
        if (alert.kind === 'INDICATOR_BEHIND') {
            const indicator = (dashboard.indicators || []).find((i) => i.code === alert.subject);
            if (indicator && typeof indicator.expectedByNow === 'number') {
                return i18n.t('alert.INDICATOR_BEHIND', {
                    name: indicator.name, total: i18n.number(indicator.total || 0), target: i18n.number(indicator.target || 0),
                    expected: i18n.number(indicator.expectedByNow, { maximumFractionDigits: 1 })
                });
            }
        }
        return alert.message || (alert.kind + ' ' + alert.subject);
    }

    window.Samverkan = { h, s, getJson, getJsonAfter, send, caller, showProblem, clearProblem, showSaved, csrfToken, HttpError, day, today, isoMonthOf, monthsBetween, elapsed, organisationName, periodProgress, alertText };
})();
