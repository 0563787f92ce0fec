/*
 * A project's live dashboard. Everything shown comes from GET /api/projects/{p}/dashboard; the page
 * then follows /api/projects/{p}/events/stream (Server-Sent Events, id = global event index) and
 * fetches the dashboard again shortly after any event, so it changes without a reload.
 */
(function () {
    'use strict';

    const { h, getJson, day, today, monthsBetween, isoMonthOf, organisationName, periodProgress, alertText } = window.Samverkan;
    const charts = window.SamverkanCharts;
    const i18n = window.SamverkanI18n;
    const t = i18n.t;

    /** The stream may name its events by type; unnamed ones arrive as "message". */
    const EVENT_TYPES = ['ProjectCreated', 'PartnerJoined', 'WorkPackagePlanned', 'WorkPackageStarted', 'WorkPackageCompleted',
        'WorkPackageReplanned', 'IndicatorDefined', 'IndicatorOutcomeRecorded', 'MeetingHeld', 'WorkshopHeld', 'ActivityCancelled',
        'PilotProposed', 'PilotIncluded', 'PilotConcluded', 'PilotWithdrawn', 'ProgressReportDrafted', 'ReportQuestionAnswered',
        'WorkPackageNarrativeWritten', 'ReportSubmitted', 'ReportReturned', 'ReportApproved'];
    /** An event can reach the stream before the dashboard's read model has folded it in: ask again a few times. */
    const CATCH_UP_DELAYS = [150, 250, 400, 600, 1000, 1500, 2500];
    const REFRESH_DELAY = 200;
    const RETRY_DELAY = 5000;
    const PILOT_STATUSES = ['PROPOSED', 'INCLUDED', 'CONCLUDED', 'WITHDRAWN'];
    const WIDE_INDICATORS = 720;

    const projectId = decodeURIComponent(window.location.pathname.replace(/^\/projects\//, '').replace(/\/+$/, ''));
    const apiBase = '/api/projects/' + encodeURIComponent(projectId);

    const state = {
        data: null, error: null, lastUpdate: null,
        requested: 0, shown: 0, refreshTimer: null, refreshDue: 0, catchUp: 0,
        newestEventId: -1, source: null, everConnected: false, missedWhileAway: false, live: 'connecting'
    };

    // Lives as long as this page does: the browser test reads it to tell an update from a reload.
    window.samverkanDashboard = { loadedAt: Date.now(), renders: 0, state };

    // ---- loading and live updates

    function scheduleRefresh(delay) {
        const due = Date.now() + delay;
        if (state.refreshTimer && state.refreshDue <= due) {
            return; // an earlier refresh is already coming; it will see this change too
        }
        clearTimeout(state.refreshTimer);
        state.refreshDue = due;
        state.refreshTimer = setTimeout(() => {
            state.refreshTimer = null;
            refresh();
        }, delay);
    }

    async function refresh() {
        const ticket = ++state.requested;
        try {
            const data = await getJson(apiBase + '/dashboard');
            if (ticket < state.shown) {
                return; // a slower, older answer
            }
            state.shown = ticket;
            const firstTime = !state.data;
            state.data = data;
            state.error = null;
            state.lastUpdate = new Date();
            hideError();
            render(!firstTime);
            drawLive();
            const behind = Number(data.lastEventIndex) < state.newestEventId;
            if (!behind) {
                state.catchUp = 0;
            } else if (state.catchUp < CATCH_UP_DELAYS.length) {
                scheduleRefresh(CATCH_UP_DELAYS[state.catchUp]);
                state.catchUp += 1;
            }
            openStream();
        } catch (error) {
            if (error.status === 401) {
                return; // on the way to the sign-in page
            }
            state.error = error;
            showError();
            if (error.status !== 403 && error.status !== 404) {
                scheduleRefresh(RETRY_DELAY);
            }
        }
    }

    function openStream() {
        if (state.source || !window.EventSource) {
            return;
        }
        const resumeAfter = state.data && Number.isFinite(Number(state.data.lastEventIndex)) && state.data.lastEventIndex !== null
            ? '?lastEventId=' + encodeURIComponent(state.data.lastEventIndex) : '';
        const source = new EventSource(apiBase + '/events/stream' + resumeAfter);
        state.source = source;
        setLive(state.everConnected ? 'reconnecting' : 'connecting');

        source.addEventListener('open', () => {
            state.everConnected = true;
            setLive('live');
            if (state.missedWhileAway) {
                state.missedWhileAway = false;
                scheduleRefresh(0);
            }
        });
        const onEvent = (event) => {
            if (state.live !== 'live') {
                state.everConnected = true;
                setLive('live'); // a stream that sends nothing before its first event is open all the same
            }
            const id = event.lastEventId === '' ? NaN : Number(event.lastEventId);
            if (Number.isFinite(id)) {
                state.newestEventId = Math.max(state.newestEventId, id);
                if (state.data && id <= Number(state.data.lastEventIndex)) {
                    return; // already shown
                }
            }
            state.catchUp = 0;
            scheduleRefresh(REFRESH_DELAY);
        };
        source.addEventListener('message', onEvent);
        EVENT_TYPES.forEach((type) => source.addEventListener(type, onEvent));
        source.addEventListener('error', () => {
            state.missedWhileAway = true;
            if (source.readyState === EventSource.CLOSED) {
                // the server refused the stream (e.g. the session ended): check with a fetch, then reopen
                source.close();
                state.source = null;
                setLive('offline');
                scheduleRefresh(RETRY_DELAY);
            } else {
                setLive('reconnecting'); // EventSource reconnects by itself, sending Last-Event-ID
            }
        });
    }

    function setLive(live) {
        state.live = live;
        drawLive();
    }

    function drawLive() {
        const badge = document.getElementById('live');
        const text = badge.querySelector('.live-text');
        text.removeAttribute('data-i18n');
        badge.dataset.state = state.live;
        badge.title = t('live.title');
        text.textContent = state.live === 'live' && state.lastUpdate
            ? t('live.updated', { time: i18n.time(state.lastUpdate) })
            : t('live.' + state.live);
    }

    function showError() {
        const box = document.getElementById('load-error');
        const error = state.error;
        let text;
        if (error.status === 403) {
            text = t('error.forbidden');
        } else if (error.status === 404) {
            text = t('error.notFound', { id: projectId });
        } else {
            text = t('error.load', { detail: error.detail || error.message });
        }
        box.textContent = text;
        box.hidden = false;
        document.getElementById('dashboard-loading').hidden = true;
        if (!state.data) {
            setLive('offline');
        }
    }

    function hideError() {
        document.getElementById('load-error').hidden = true;
    }

    // ---- drawing

    function replace(id, ...children) {
        const container = document.getElementById(id);
        container.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
        return container;
    }

    function widthOf(id) {
        return Math.max(240, Math.floor(document.getElementById(id).clientWidth));
    }

    function muted(text) {
        return h('p', { class: 'muted', text });
    }

    function testidsAndTexts() {
        const texts = new Map();
        document.querySelectorAll('#dashboard [data-testid]').forEach((element) => texts.set(element.dataset.testid, element.textContent));
        return texts;
    }

    /** Draws everything from state.data; on a live update the figures that changed light up briefly. */
    function render(highlightChanges) {
        const data = state.data;
        const before = highlightChanges ? testidsAndTexts() : null;
        const openDetails = new Set([...document.querySelectorAll('#dashboard details[open]')].map((d) => d.dataset.key));
        document.title = t('dashboard.title', { name: data.project.name });
        document.getElementById('dashboard-loading').hidden = true;
        document.getElementById('project-header').hidden = false;
        document.getElementById('dashboard-content').hidden = false;

        renderHeader(data.project);
        renderAlerts(data);
        renderIndicators(data.indicators || []);
        renderTimeline(sortedWorkPackages(data), data.project);
        renderActivities(data.activities || {}, sortedWorkPackages(data), data.project);
        renderParticipation(data.participation || {});
        renderPilots(data.pilots || {});
        renderOrganisations(data.organisationsEngaged || {});
        renderChanges(data.recentChanges || []);

        document.querySelectorAll('#dashboard details[data-key]').forEach((details) => {
            if (openDetails.has(details.dataset.key)) {
                details.open = true;
            }
        });
        if (before) {
            document.querySelectorAll('#dashboard [data-testid]').forEach((element) => {
                const previous = before.get(element.dataset.testid);
                if (previous !== undefined && previous !== element.textContent && element.children.length === 0) {
                    element.classList.add('just-changed');
                }
            });
        }
        window.samverkanDashboard.renders += 1;
    }

    function sortedWorkPackages(data) {
        return [...(data.workPackages || [])].sort((a, b) => a.number - b.number);
    }

    function renderHeader(project) {
        const beneficiary = project.beneficiary || {};
        const partners = project.partners || [];
        replace('project-header',
            h('h1', { id: 'project-name', 'data-testid': 'project-name', text: project.name }),
            h('p', { class: 'meta' },
                h('span', { class: 'chip' }, t('project.case') + ' ', h('strong', { 'data-testid': 'project-case-id', text: project.caseId })),
                project.programme ? h('span', { class: 'chip', 'data-testid': 'project-programme', text: project.programme }) : null),
            h('div', { class: 'header-grid' },
                periodProgress(project, 'project-'),
                h('div', {},
                    h('div', { class: 'label', text: t('project.beneficiary') }),
                    h('div', { 'data-testid': 'project-beneficiary' }, organisationName(beneficiary),
                        beneficiary.orgNumber ? h('span', { class: 'muted', text: ' ' + beneficiary.orgNumber }) : null)),
                h('div', {},
                    h('div', { class: 'label', text: t('project.partners') }),
                    partners.length === 0
                        ? h('div', { class: 'muted', 'data-testid': 'project-partners', text: t('project.noPartners') })
                        : h('ul', { class: 'plain-list', 'data-testid': 'project-partners' }, partners.map((partner) =>
                            h('li', {}, organisationName(partner),
                                partner.role ? h('span', { class: 'muted', text: ' · ' + t('role.' + partner.role) }) : null))))));
    }

    function renderAlerts(data) {
        const alerts = data.alerts || [];
        const section = replace('alerts',
            h('h2', { id: 'alerts-heading' }, t('alerts.heading') + ' ', h('span', { class: 'count', 'data-testid': 'alerts-count', text: i18n.number(alerts.length) })),
            h('ul', { class: 'alert-list' }, alerts.map((alert) =>
                h('li', { class: 'alert alert-' + String(alert.kind).toLowerCase(), 'data-testid': 'alert-' + alert.kind + '-' + alert.subject },
                    alertText(alert, data)))));
        section.hidden = alerts.length === 0;
    }

    function renderIndicators(indicators) {
        if (indicators.length === 0) {
            replace('indicators', muted(t('indicators.none')));
            return;
        }
        const years = [...new Set(indicators.flatMap((indicator) => Object.keys(indicator.byYear || {})))].sort();
        const yearIndex = new Map(years.map((year, index) => [year, index]));
        const width = widthOf('indicators');
        const barWidth = width >= WIDE_INDICATORS ? width - 280 - 170 - 2 * 20 : width;
        replace('indicators', indicators.map((indicator) => indicatorRow(indicator, yearIndex, Math.max(160, barWidth))));
    }

    function indicatorRow(indicator, yearIndex, barWidth) {
        const id = 'indicator-' + indicator.code;
        const total = Number(indicator.total) || 0;
        const target = Number(indicator.target) || 0;
        const status = target > 0 && total >= target ? 'reached' : indicator.behind ? 'behind' : 'onTrack';
        const years = Object.keys(indicator.byYear || {}).sort();
        const organisations = indicator.organisations || [];
        return h('div', { class: 'indicator indicator-' + status, 'data-testid': id },
            h('div', { class: 'indicator-name' },
                h('div', { class: 'indicator-title', text: indicator.name }),
                h('div', { class: 'muted small', text: indicator.code + ' · ' + t('rule.' + indicator.countingRule) })),
            h('div', { class: 'indicator-bar' },
                charts.indicatorBar(indicator, yearIndex, barWidth),
                h('div', { class: 'legend' },
                    years.length === 0 ? h('span', { class: 'muted', text: t('indicators.noOutcome') }) : null,
                    years.map((year) => h('span', { class: 'legend-item' },
                        h('span', { class: 'swatch year-' + ((yearIndex.get(year) ?? 0) % 6), 'aria-hidden': 'true' }),
                        year + ': ',
                        h('strong', { 'data-testid': id + '-year-' + year, text: i18n.number(indicator.byYear[year]) }))),
                    typeof indicator.expectedByNow === 'number'
                        ? h('span', { class: 'legend-item muted' }, h('span', { class: 'swatch swatch-expected', 'aria-hidden': 'true' }),
                            t('indicators.expected', { expected: i18n.number(indicator.expectedByNow, { maximumFractionDigits: 1 }) }))
                        : null)),
            h('div', { class: 'indicator-figure' },
                h('div', { class: 'big-number' },
                    h('span', { 'data-testid': id + '-total', text: i18n.number(total) }),
                    h('span', { class: 'of', 'aria-label': t('indicators.of'), text: ' / ' }),
                    h('span', { 'data-testid': id + '-target', text: i18n.number(target) })),
                h('div', { class: 'muted small', text: indicator.unit || '' }),
                h('span', { class: 'badge badge-' + status, 'data-testid': id + '-status', 'data-status': status, text: t('indicators.' + status) })),
            organisations.length === 0 ? null : h('details', { class: 'indicator-organisations', 'data-key': id },
                h('summary', { text: i18n.tn('indicators.organisations', organisations.length) }),
                h('ul', { class: 'plain-list organisation-list' }, organisations.map((organisation) =>
                    h('li', {},
                        h('strong', { text: organisationName(organisation) }),
                        h('span', { class: 'muted', text: ' ' + (organisation.orgNumber || '') }),
                        organisation.year ? ' · ' + organisation.year : null,
                        organisation.category ? ' · ' + t('category.' + organisation.category) : null,
                        (organisation.evidence || []).length === 0 ? null : h('div', { class: 'muted small' },
                            t('indicators.evidence') + ' ',
                            organisation.evidence.map((evidence) => eventLabel(evidence.eventType) + ' #' + evidence.eventIndex
                                + (evidence.date ? ' (' + i18n.date(evidence.date) + ')' : '')).join(', ')))))));
    }

    function eventLabel(type) {
        return i18n.has('event.' + type) ? t('event.' + type) : type;
    }

    function renderTimeline(workPackages, project) {
        if (workPackages.length === 0) {
            replace('timeline', muted(t('timeline.none')));
            return;
        }
        replace('timeline',
            h('div', { class: 'chart-frame' }, charts.timeline(workPackages, project, widthOf('timeline'))),
            h('div', { class: 'legend' },
                h('span', { class: 'legend-item' }, h('span', { class: 'swatch swatch-planned', 'aria-hidden': 'true' }), t('timeline.planned')),
                h('span', { class: 'legend-item' }, h('span', { class: 'swatch swatch-actual', 'aria-hidden': 'true' }), t('timeline.actual')),
                h('span', { class: 'legend-item' }, h('span', { class: 'swatch swatch-delayed', 'aria-hidden': 'true' }), t('timeline.delay')),
                h('span', { class: 'legend-item' }, h('span', { class: 'swatch swatch-today', 'aria-hidden': 'true' }), t('timeline.today'))),
            h('table', { class: 'data-table' },
                h('thead', {}, h('tr', {},
                    h('th', { scope: 'col', text: t('timeline.workPackage') }),
                    h('th', { scope: 'col', text: t('timeline.status') }),
                    h('th', { scope: 'col', text: t('timeline.planned') }),
                    h('th', { scope: 'col', text: t('timeline.actual') }))),
                h('tbody', {}, workPackages.map((wp) => h('tr', { 'data-testid': 'wp-' + wp.number },
                    h('th', { scope: 'row' }, h('strong', { text: t('wp.short', { n: wp.number }) }), ' ', wp.name),
                    h('td', { class: 'nowrap' },
                        h('span', { class: 'badge status-' + String(wp.status).toLowerCase(), 'data-testid': 'wp-' + wp.number + '-status', 'data-status': wp.status,
                            text: t('wp.status.' + wp.status) }),
                        wp.status === 'DELAYED' && wp.delayDays > 0
                            ? [' ', h('strong', { class: 'delay-text', 'data-testid': 'wp-' + wp.number + '-delay', text: i18n.tn('wp.delay', wp.delayDays) })]
                            : null),
                    h('td', {}, i18n.date(wp.plannedStart) + ' – ' + i18n.date(wp.plannedEnd),
                        (wp.replans || []).length > 0 ? h('div', { class: 'muted small', text: i18n.tn('wp.replans', wp.replans.length) }) : null),
                    h('td', {}, wp.startedOn
                        ? i18n.date(wp.startedOn) + ' – ' + (wp.completedOn ? i18n.date(wp.completedOn) : t('timeline.open'))
                        : t('common.none')))))));
    }

    function stat(testid, labelKey, value) {
        return h('div', { class: 'stat' },
            h('div', { class: 'stat-value', 'data-testid': testid, text: i18n.number(Number(value) || 0) }),
            h('div', { class: 'stat-label', text: t(labelKey) }));
    }

    /** The months to show: the project's period up to today (or to the last activity, if later). */
    function activityMonths(byMonth, project) {
        const recorded = byMonth.map((entry) => entry.month).filter(Boolean).sort();
        const first = [project.periodStart ? project.periodStart.slice(0, 7) : null, recorded[0]].filter(Boolean).sort()[0];
        const untilToday = project.periodEnd ? isoMonthOf(Math.min(today(), day(project.periodEnd))) : isoMonthOf(today());
        const last = [untilToday, recorded[recorded.length - 1]].filter(Boolean).sort().pop();
        return first && last && first <= last ? monthsBetween(first, last) : recorded;
    }

    function renderActivities(activities, workPackages, project) {
        const byMonth = activities.byMonth || [];
        const byWorkPackage = [...(activities.byWorkPackage || [])].sort((a, b) => a.workPackage - b.workPackage);
        const numbers = [...new Set(workPackages.map((wp) => wp.number)
            .concat(byMonth.map((entry) => entry.workPackage), byWorkPackage.map((entry) => entry.workPackage)))].sort((a, b) => a - b);
        const seriesIndex = new Map(numbers.map((number, index) => [number, index]));
        const names = new Map(workPackages.map((wp) => [wp.number, wp.name]));
        const months = activityMonths(byMonth, project);
        replace('activities',
            h('div', { class: 'stats' },
                stat('activities-total', 'activities.total', activities.total),
                stat('activities-meetings', 'activities.meetings', activities.meetings),
                stat('activities-workshops', 'activities.workshops', activities.workshops),
                stat('activities-cancelled', 'activities.cancelled', activities.cancelled)),
            (Number(activities.total) || 0) === 0 && byMonth.length === 0 ? muted(t('activities.none')) : [
                h('div', { class: 'chart-frame' }, charts.activityColumns(byMonth, months, seriesIndex, widthOf('activities'))),
                h('div', { class: 'legend' }, numbers.map((number) => h('span', { class: 'legend-item', title: names.get(number) || '' },
                    h('span', { class: 'swatch series-' + (seriesIndex.get(number) % 8), 'aria-hidden': 'true' }), t('wp.short', { n: number })))),
                h('table', { class: 'data-table' },
                    h('thead', {}, h('tr', {},
                        h('th', { scope: 'col', text: t('activities.workPackage') }),
                        h('th', { scope: 'col', class: 'number', text: t('activities.meetings') }),
                        h('th', { scope: 'col', class: 'number', text: t('activities.workshops') }),
                        h('th', { scope: 'col', text: t('activities.byKind') }))),
                    h('tbody', {}, byWorkPackage.map((entry) => {
                        const prefix = 'wp-' + entry.workPackage + '-';
                        const kinds = Object.entries(entry.byKind || {}).filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1]);
                        return h('tr', { 'data-testid': prefix + 'activities' },
                            h('th', { scope: 'row' }, h('strong', { text: t('wp.short', { n: entry.workPackage }) }), ' ', names.get(entry.workPackage) || ''),
                            h('td', { class: 'number', 'data-testid': prefix + 'meetings', text: i18n.number(entry.meetings || 0) }),
                            h('td', { class: 'number', 'data-testid': prefix + 'workshops', text: i18n.number(entry.workshops || 0) }),
                            h('td', {}, kinds.map(([kind, count], index) => [index > 0 ? ', ' : null,
                                (i18n.has('kind.' + kind) ? t('kind.' + kind) : kind) + ' ',
                                h('strong', { 'data-testid': prefix + 'kind-' + kind, text: i18n.number(count) })])));
                    })))
            ]);
    }

    function renderParticipation(participation) {
        const parts = ['women', 'men', 'other'].map((key) => ({
            key, value: Number(participation[key]) || 0, className: 'gender-' + key, label: t('participation.' + key)
        }));
        const total = Number(participation.total) || parts.reduce((sum, part) => sum + part.value, 0);
        replace('participation',
            h('div', { class: 'participation-total' },
                h('span', { class: 'stat-value', 'data-testid': 'participation-total', text: i18n.number(total) }), ' ',
                h('span', { class: 'muted', text: i18n.tn('participation.people', total) })),
            charts.shareBar(parts, widthOf('participation'), parts.map((part) => part.label + ': ' + part.value).join(', ')),
            h('ul', { class: 'plain-list share-legend' }, parts.map((part) => h('li', {},
                h('span', { class: 'swatch ' + part.className, 'aria-hidden': 'true' }),
                h('span', { class: 'share-label', text: part.label }),
                h('strong', { 'data-testid': 'participation-' + part.key, text: i18n.number(part.value) }),
                h('span', { class: 'muted', text: total > 0 ? ' ' + i18n.percent(part.value / total) : '' })))),
            total === 0 ? muted(t('participation.none')) : null);
    }

    function renderPilots(pilots) {
        const byStatus = pilots.byStatus || {};
        const items = pilots.items || [];
        replace('pilots',
            h('div', { class: 'status-counts' }, PILOT_STATUSES.map((status) => h('div', { class: 'status-count pilot-' + status.toLowerCase() },
                h('strong', { 'data-testid': 'pilots-' + status, text: i18n.number(Number(byStatus[status]) || 0) }),
                h('span', { text: t('pilot.status.' + status) })))),
            items.length === 0 ? muted(t('pilots.none')) : h('ul', { class: 'plain-list pilot-list' }, items.map((pilot) =>
                h('li', { 'data-testid': 'pilot-' + pilot.id, 'data-status': pilot.status },
                    h('div', {},
                        h('strong', { class: 'pilot-name', 'data-testid': 'pilot-' + pilot.id + '-name', text: pilot.name }), ' ',
                        h('span', { class: 'badge pilot-' + String(pilot.status).toLowerCase(), 'data-testid': 'pilot-' + pilot.id + '-status',
                            'data-status': pilot.status, text: t('pilot.status.' + pilot.status) })),
                    h('div', { class: 'muted small' }, [
                        pilot.includedOn ? t('pilots.includedOn', { date: i18n.date(pilot.includedOn) }) : null,
                        typeof pilot.members === 'number' && pilot.members > 0 ? i18n.tn('pilots.members', pilot.members) : null
                    ].filter(Boolean).join(' · '))))));
    }

    function renderOrganisations(engaged) {
        const items = engaged.items || [];
        replace('organisations',
            h('div', { class: 'participation-total' },
                h('span', { class: 'stat-value', 'data-testid': 'organisations-engaged', text: i18n.number(Number(engaged.count) || 0) }), ' ',
                h('span', { class: 'muted', text: t('organisations.count') })),
            items.length === 0 ? null : h('details', { 'data-key': 'organisations-engaged' },
                h('summary', { text: t('organisations.show') }),
                h('ul', { class: 'plain-list organisation-list' }, items.map((organisation) => h('li', {},
                    h('strong', { text: organisationName(organisation) }),
                    h('span', { class: 'muted', text: ' ' + (organisation.orgNumber || '') }),
                    organisation.category ? ' · ' + t('category.' + organisation.category) : null,
                    organisation.firstEngagedOn ? h('span', { class: 'muted', text: ' · ' + t('organisations.since', { date: i18n.date(organisation.firstEngagedOn) }) }) : null)))));
    }

    function renderChanges(changes) {
        replace('changes', changes.length === 0 ? muted(t('changes.none')) : h('ol', { class: 'plain-list change-list', 'data-testid': 'recent-changes' },
            changes.map((change) => h('li', {},
                h('div', { class: 'change-head' },
                    h('span', { class: 'change-type', text: eventLabel(change.type) }),
                    h('time', { class: 'muted small', datetime: change.at, text: i18n.instant(change.at) })),
                change.summary ? h('div', { class: 'change-summary', text: change.summary }) : null,
                change.userId ? h('div', { class: 'muted small', text: t('changes.by', { user: change.userId }) }) : null))));
    }

    // ---- wiring

    document.addEventListener('samverkan:language', () => {
        if (state.data) {
            render(false);
        }
        if (state.error) {
            showError();
        }
        drawLive();
    });

    let resizeTimer = null;
    let lastWidth = window.innerWidth;
    window.addEventListener('resize', () => {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(() => {
            if (state.data && window.innerWidth !== lastWidth) {
                lastWidth = window.innerWidth;
                render(false);
            }
        }, 150);
    });

    if (!projectId) {
        state.error = { status: 404 };
        showError();
    } else {
        drawLive();
        refresh();
    }
})();
