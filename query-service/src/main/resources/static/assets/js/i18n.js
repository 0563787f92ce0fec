/*
 * Swedish and English for the pages. The language is the one chosen with the switch (kept in
 * localStorage), else the browser's: Swedish for Swedish, Norwegian and Danish readers, English
 * otherwise. Elements with data-i18n="key" get their text from here; pages listen for
 * "samverkan:language" to redraw what they built themselves.
 */
(function () {
    'use strict';

    const STORAGE_KEY = 'samverkan.language';
    const LANGUAGES = ['sv', 'en'];
    const SCANDINAVIAN = ['sv', 'nb', 'nn', 'no', 'da'];

    const TEXTS = {
        en: {
            'audit.title': 'Audit trail',
            'audit.report': 'Progress report {number}',
            'audit.project': 'Project',
            'audit.period': 'Period',
            'audit.error': 'The audit trail could not be shown: {detail}',
            'audit.verification.heading': 'Proof that nothing was altered',
            'audit.verification.valid': 'The stored history is intact: all {events} events match their hash chain.',
            'audit.verification.broken': 'The stored history has been altered from version {version}: {problem}',
            'audit.verification.head': 'Chain head:',
            'audit.receipt.heading': 'Check a submission receipt',
            'audit.receipt.version': 'Version',
            'audit.receipt.chainHead': 'Chain head',
            'audit.receipt.check': 'Check',
            'audit.receipt.matches': 'The receipt matches: the stored history is the one it was given for.',
            'audit.receipt.differs': 'The receipt does not match: the stored history has been rewritten since.',
            'audit.state.heading': 'The report as of a version',
            'audit.state.pick': 'Show version',
            'audit.state.status': 'Status',
            'audit.state.changedAt': 'as of',
            'audit.state.answers': 'Answers',
            'audit.state.narratives': 'Work-package narratives',
            'audit.state.none': 'None yet.',
            'audit.state.question': 'Question',
            'audit.state.answer': 'Answer',
            'audit.state.text': 'Text',
            'audit.state.workPackage': 'Work package',
            'audit.state.result': 'Result',
            'audit.state.obstacles': 'Obstacles',
            'audit.timeline.heading': 'Who changed what, and when',
            'audit.export': 'Download the whole audit trail (JSON)',
            'audit.version': 'Version {n}',
            'audit.by': 'by {user} ({role})',
            'audit.lifecycle': 'Lifecycle step',
            'audit.empty': '(empty)',
            'audit.event.ProgressReportDrafted': 'Drafted',
            'audit.event.ReportQuestionAnswered': 'Question answered',
            'audit.event.WorkPackageNarrativeWritten': 'Work-package narrative written',
            'audit.event.ReportSubmitted': 'Submitted',
            'audit.event.ReportReturned': 'Returned',
            'audit.event.ReportApproved': 'Approved',
            'audit.status.DRAFT': 'Draft',
            'audit.status.SUBMITTED': 'Submitted',
            'audit.status.RETURNED': 'Returned',
            'audit.status.APPROVED': 'Approved',
            'common.loading': 'Loading…',
            'common.noscript': 'This page needs JavaScript.',
            'common.none': '–',
            'nav.portfolio': 'Portfolio',
            'nav.sign-out': 'Sign out',
            'language.label': 'Language',
            'language.sv': 'Svenska',
            'language.en': 'English',

            'sign-in.title': 'Sign in · Samverkan',
            'sign-in.heading': 'Sign in',
            'sign-in.explain': 'Enter the access token you were given. This browser stays signed in for 12 hours.',
            'sign-in.token': 'Access token',
            'sign-in.submit': 'Sign in',
            'sign-in.error.empty': 'Enter your access token.',
            'sign-in.error.unknown': 'This token is unknown or has been revoked.',

            'error.load': 'The figures could not be loaded: {detail}',
            'error.forbidden': 'Your token does not give access to this project.',
            'error.notFound': 'There is no project "{id}".',
            'error.network': 'The service did not answer.',

            'live.connecting': 'Connecting…',
            'live.live': 'Live',
            'live.reconnecting': 'Reconnecting…',
            'live.offline': 'Not live: retrying',
            'live.updated': 'Live · updated {time}',
            'live.title': 'The page updates by itself when something is recorded.',

            'portfolio.title': 'Projects · Samverkan',
            'portfolio.heading': 'Your projects',
            'portfolio.count.one': '{n} project',
            'portfolio.count.other': '{n} projects',
            'portfolio.empty': 'No projects are visible to this token.',
            'portfolio.noAlerts': 'No alerts',
            'portfolio.open': 'Open the dashboard',
            'portfolio.detailsFailed': 'The dashboard figures could not be loaded ({detail}).',

            'project.case': 'Case',
            'project.period': 'Period',
            'project.elapsed': '{percent} of the period has passed',
            'project.notStarted': 'Starts {date}',
            'project.ended': 'Ended {date}',
            'project.beneficiary': 'Beneficiary',
            'project.partners': 'Partners',
            'project.noPartners': 'No partners yet',
            'dashboard.title': '{name} · Samverkan',

            'alerts.heading': 'Alerts',
            'alert.WORK_PACKAGE_DELAYED': 'Work package {number} "{name}" is delayed: {delay}',
            'alert.INDICATOR_BEHIND': '"{name}" is behind a linear path to its target: {total} of {expected} expected by now (target {target})',

            'indicators.heading': 'Indicators against target',
            'indicators.none': 'No indicators defined yet.',
            'indicators.target': 'target',
            'indicators.of': 'of',
            'indicators.expected': 'expected by now: {expected}',
            'indicators.behind': 'Behind',
            'indicators.onTrack': 'On track',
            'indicators.reached': 'Target reached',
            'indicators.noOutcome': 'No outcome yet',
            'indicators.chart': '{name}: {total} of target {target}. {years}',
            'indicators.organisations.one': 'Show the {n} counted organisation',
            'indicators.organisations.other': 'Show the {n} counted organisations',
            'indicators.evidence': 'counted from',
            'rule.MANUAL': 'recorded per year',
            'rule.ORGANISATIONS_ENGAGED': 'organisations engaged',
            'rule.INSTITUTIONAL_ORGANISATIONS_ENGAGED': 'institutional organisations engaged',

            'timeline.heading': 'Work packages: planned and actual',
            'timeline.none': 'No work packages planned yet.',
            'timeline.planned': 'Planned',
            'timeline.actual': 'Actual',
            'timeline.delay': 'Delay',
            'timeline.today': 'Today',
            'timeline.replanned': 'Replanned: {previous} → {planned} ({reason})',
            'timeline.open': 'open',
            'timeline.status': 'Status',
            'timeline.workPackage': 'Work package',
            'timeline.chart': 'Timeline of the work packages, planned against actual.',
            'wp.short': 'WP {n}',
            'wp.status.PLANNED': 'Planned',
            'wp.status.ACTIVE': 'Active',
            'wp.status.COMPLETED': 'Completed',
            'wp.status.DELAYED': 'Delayed',
            'wp.delay.one': '+{n} day',
            'wp.delay.other': '+{n} days',
            'wp.replans.one': 'replanned once',
            'wp.replans.other': 'replanned {n} times',

            'activities.heading': 'Activities over time',
            'activities.total': 'Activities',
            'activities.meetings': 'Meetings',
            'activities.workshops': 'Workshops',
            'activities.cancelled': 'Cancelled',
            'activities.workPackage': 'Work package',
            'activities.byKind': 'Kinds',
            'activities.none': 'No activities recorded yet.',
            'activities.chart': 'Activities per month and work package.',
            'activities.bar': '{wp}, {month}: {count}',
            'kind.PLANNING': 'Planning',
            'kind.CHECK_IN': 'Check-in',
            'kind.MAPPING': 'Mapping',
            'kind.FOLLOW_UP': 'Follow-up',
            'kind.RETRO': 'Retrospective',
            'kind.THINK_TANK': 'Think tank',
            'kind.OTHER': 'Other',
            'kind.WORKSHOP': 'Workshop',

            'participation.heading': 'Participation by gender',
            'participation.women': 'Women',
            'participation.men': 'Men',
            'participation.other': 'Other or not stated',
            'participation.people.one': 'participant',
            'participation.people.other': 'participants',
            'participation.none': 'No participants recorded yet.',

            'pilots.heading': 'Pilots by status',
            'pilots.none': 'No pilots yet.',
            'pilots.members.one': '{n} member',
            'pilots.members.other': '{n} members',
            'pilots.includedOn': 'included {date}',
            'pilot.status.PROPOSED': 'Proposed',
            'pilot.status.INCLUDED': 'Included',
            'pilot.status.CONCLUDED': 'Concluded',
            'pilot.status.WITHDRAWN': 'Withdrawn',

            'organisations.heading': 'Organisations engaged',
            'organisations.count': 'organisations in activities and pilot working groups',
            'organisations.show': 'Show them',
            'organisations.since': 'since {date}',

            'changes.heading': 'Recent changes',
            'changes.none': 'Nothing recorded yet.',
            'changes.by': 'by {user}',

            'role.PARTNER': 'Partner',
            'role.CO_FINANCIER': 'Co-financier',
            'role.ASSOCIATED': 'Associated',
            'category.PUBLIC_SECTOR': 'Public sector',
            'category.ACADEMIA': 'Academia',
            'category.BUSINESS_SUPPORT': 'Business support',
            'category.CIVIL_SOCIETY': 'Civil society',
            'category.COMPANY': 'Company',
            'category.OTHER': 'Other',

            'event.ProjectCreated': 'Project created',
            'event.PartnerJoined': 'Partner joined',
            'event.WorkPackagePlanned': 'Work package planned',
            'event.WorkPackageStarted': 'Work package started',
            'event.WorkPackageCompleted': 'Work package completed',
            'event.WorkPackageReplanned': 'Work package replanned',
            'event.IndicatorDefined': 'Indicator defined',
            'event.IndicatorOutcomeRecorded': 'Indicator outcome recorded',
            'event.MeetingHeld': 'Meeting',
            'event.WorkshopHeld': 'Workshop',
            'event.ActivityCancelled': 'Activity cancelled',
            'event.PilotProposed': 'Pilot proposed',
            'event.PilotIncluded': 'Pilot included',
            'event.PilotConcluded': 'Pilot concluded',
            'event.PilotWithdrawn': 'Pilot withdrawn',
            'event.ProgressReportDrafted': 'Progress report drafted',
            'event.ReportQuestionAnswered': 'Report question answered',
            'event.WorkPackageNarrativeWritten': 'Work-package narrative written',
            'event.ReportSubmitted': 'Report submitted',
            'event.ReportReturned': 'Report returned',
            'event.ReportApproved': 'Report approved'
        },
        sv: {
            'audit.title': 'Revisionsspår',
            'audit.report': 'Lägesrapport {number}',
            'audit.project': 'Projekt',
            'audit.period': 'Period',
            'audit.error': 'Revisionsspåret kunde inte visas: {detail}',
            'audit.verification.heading': 'Bevis på att inget har ändrats',
            'audit.verification.valid': 'Den lagrade historiken är oförändrad: alla {events} händelser stämmer med sin hashkedja.',
            'audit.verification.broken': 'Den lagrade historiken har ändrats från version {version}: {problem}',
            'audit.verification.head': 'Kedjans topp:',
            'audit.receipt.heading': 'Kontrollera ett inlämningskvitto',
            'audit.receipt.version': 'Version',
            'audit.receipt.chainHead': 'Kedjans topp',
            'audit.receipt.check': 'Kontrollera',
            'audit.receipt.matches': 'Kvittot stämmer: den lagrade historiken är den som kvittot gavs för.',
            'audit.receipt.differs': 'Kvittot stämmer inte: den lagrade historiken har skrivits om sedan dess.',
            'audit.state.heading': 'Rapporten vid en viss version',
            'audit.state.pick': 'Visa version',
            'audit.state.status': 'Status',
            'audit.state.changedAt': 'per',
            'audit.state.answers': 'Svar',
            'audit.state.narratives': 'Beskrivningar per arbetspaket',
            'audit.state.none': 'Inga ännu.',
            'audit.state.question': 'Fråga',
            'audit.state.answer': 'Svar',
            'audit.state.text': 'Text',
            'audit.state.workPackage': 'Arbetspaket',
            'audit.state.result': 'Resultat',
            'audit.state.obstacles': 'Hinder',
            'audit.timeline.heading': 'Vem ändrade vad, och när',
            'audit.export': 'Ladda ner hela revisionsspåret (JSON)',
            'audit.version': 'Version {n}',
            'audit.by': 'av {user} ({role})',
            'audit.lifecycle': 'Livscykelsteg',
            'audit.empty': '(tomt)',
            'audit.event.ProgressReportDrafted': 'Utkast skapat',
            'audit.event.ReportQuestionAnswered': 'Fråga besvarad',
            'audit.event.WorkPackageNarrativeWritten': 'Beskrivning av arbetspaket skriven',
            'audit.event.ReportSubmitted': 'Inlämnad',
            'audit.event.ReportReturned': 'Återsänd',
            'audit.event.ReportApproved': 'Godkänd',
            'audit.status.DRAFT': 'Utkast',
            'audit.status.SUBMITTED': 'Inlämnad',
            'audit.status.RETURNED': 'Återsänd',
            'audit.status.APPROVED': 'Godkänd',
            'common.loading': 'Läser in…',
            'common.noscript': 'Sidan behöver JavaScript.',
            'common.none': '–',
            'nav.portfolio': 'Portfölj',
            'nav.sign-out': 'Logga ut',
            'language.label': 'Språk',
            'language.sv': 'Svenska',
            'language.en': 'English',

            'sign-in.title': 'Logga in · Samverkan',
            'sign-in.heading': 'Logga in',
            'sign-in.explain': 'Ange den åtkomsttoken du har fått. Den här webbläsaren förblir inloggad i 12 timmar.',
            'sign-in.token': 'Åtkomsttoken',
            'sign-in.submit': 'Logga in',
            'sign-in.error.empty': 'Ange din åtkomsttoken.',
            'sign-in.error.unknown': 'Token är okänd eller har återkallats.',

            'error.load': 'Siffrorna kunde inte läsas in: {detail}',
            'error.forbidden': 'Din token ger inte åtkomst till det här projektet.',
            'error.notFound': 'Det finns inget projekt "{id}".',
            'error.network': 'Tjänsten svarade inte.',

            'live.connecting': 'Ansluter…',
            'live.live': 'Live',
            'live.reconnecting': 'Återansluter…',
            'live.offline': 'Inte live: försöker igen',
            'live.updated': 'Live · uppdaterad {time}',
            'live.title': 'Sidan uppdateras av sig själv när något registreras.',

            'portfolio.title': 'Projekt · Samverkan',
            'portfolio.heading': 'Dina projekt',
            'portfolio.count.one': '{n} projekt',
            'portfolio.count.other': '{n} projekt',
            'portfolio.empty': 'Inga projekt är synliga för den här token.',
            'portfolio.noAlerts': 'Inga varningar',
            'portfolio.open': 'Öppna översikten',
            'portfolio.detailsFailed': 'Översiktens siffror kunde inte läsas in ({detail}).',

            'project.case': 'Ärende',
            'project.period': 'Period',
            'project.elapsed': '{percent} av perioden har gått',
            'project.notStarted': 'Börjar {date}',
            'project.ended': 'Avslutades {date}',
            'project.beneficiary': 'Stödmottagare',
            'project.partners': 'Partner',
            'project.noPartners': 'Inga partner ännu',
            'dashboard.title': '{name} · Samverkan',

            'alerts.heading': 'Varningar',
            'alert.WORK_PACKAGE_DELAYED': 'Arbetspaket {number} "{name}" är försenat: {delay}',
            'alert.INDICATOR_BEHIND': '"{name}" ligger efter en linjär takt mot målvärdet: {total} mot förväntat {expected} hittills (målvärde {target})',

            'indicators.heading': 'Indikatorer mot målvärde',
            'indicators.none': 'Inga indikatorer är definierade ännu.',
            'indicators.target': 'målvärde',
            'indicators.of': 'av',
            'indicators.expected': 'förväntat hittills: {expected}',
            'indicators.behind': 'Efter plan',
            'indicators.onTrack': 'Enligt plan',
            'indicators.reached': 'Målvärdet nått',
            'indicators.noOutcome': 'Inget utfall ännu',
            'indicators.chart': '{name}: {total} av målvärdet {target}. {years}',
            'indicators.organisations.one': 'Visa den {n} räknade organisationen',
            'indicators.organisations.other': 'Visa de {n} räknade organisationerna',
            'indicators.evidence': 'räknad från',
            'rule.MANUAL': 'registreras per år',
            'rule.ORGANISATIONS_ENGAGED': 'engagerade organisationer',
            'rule.INSTITUTIONAL_ORGANISATIONS_ENGAGED': 'engagerade institutionella organisationer',

            'timeline.heading': 'Arbetspaket: planerat och faktiskt',
            'timeline.none': 'Inga arbetspaket är planerade ännu.',
            'timeline.planned': 'Planerat',
            'timeline.actual': 'Faktiskt',
            'timeline.delay': 'Försening',
            'timeline.today': 'Idag',
            'timeline.replanned': 'Omplanerat: {previous} → {planned} ({reason})',
            'timeline.open': 'pågår',
            'timeline.status': 'Status',
            'timeline.workPackage': 'Arbetspaket',
            'timeline.chart': 'Tidslinje för arbetspaketen, planerat mot faktiskt.',
            'wp.short': 'AP {n}',
            'wp.status.PLANNED': 'Planerat',
            'wp.status.ACTIVE': 'Pågår',
            'wp.status.COMPLETED': 'Avslutat',
            'wp.status.DELAYED': 'Försenat',
            'wp.delay.one': '+{n} dag',
            'wp.delay.other': '+{n} dagar',
            'wp.replans.one': 'omplanerat en gång',
            'wp.replans.other': 'omplanerat {n} gånger',

            'activities.heading': 'Aktiviteter över tid',
            'activities.total': 'Aktiviteter',
            'activities.meetings': 'Möten',
            'activities.workshops': 'Workshoppar',
            'activities.cancelled': 'Inställda',
            'activities.workPackage': 'Arbetspaket',
            'activities.byKind': 'Slag',
            'activities.none': 'Inga aktiviteter registrerade ännu.',
            'activities.chart': 'Aktiviteter per månad och arbetspaket.',
            'activities.bar': '{wp}, {month}: {count}',
            'kind.PLANNING': 'Planering',
            'kind.CHECK_IN': 'Avstämning',
            'kind.MAPPING': 'Kartläggning',
            'kind.FOLLOW_UP': 'Uppföljning',
            'kind.RETRO': 'Retrospektiv',
            'kind.THINK_TANK': 'Tankesmedja',
            'kind.OTHER': 'Övrigt',
            'kind.WORKSHOP': 'Workshop',

            'participation.heading': 'Deltagande per kön',
            'participation.women': 'Kvinnor',
            'participation.men': 'Män',
            'participation.other': 'Annat eller ej angivet',
            'participation.people.one': 'deltagare',
            'participation.people.other': 'deltagare',
            'participation.none': 'Inga deltagare registrerade ännu.',

            'pilots.heading': 'Piloter per status',
            'pilots.none': 'Inga piloter ännu.',
            'pilots.members.one': '{n} medlem',
            'pilots.members.other': '{n} medlemmar',
            'pilots.includedOn': 'inkluderad {date}',
            'pilot.status.PROPOSED': 'Föreslagen',
            'pilot.status.INCLUDED': 'Inkluderad',
            'pilot.status.CONCLUDED': 'Avslutad',
            'pilot.status.WITHDRAWN': 'Tillbakadragen',

            'organisations.heading': 'Engagerade organisationer',
            'organisations.count': 'organisationer i aktiviteter och pilotarbetsgrupper',
            'organisations.show': 'Visa dem',
            'organisations.since': 'sedan {date}',

            'changes.heading': 'Senaste ändringar',
            'changes.none': 'Inget registrerat ännu.',
            'changes.by': 'av {user}',

            'role.PARTNER': 'Partner',
            'role.CO_FINANCIER': 'Medfinansiär',
            'role.ASSOCIATED': 'Associerad',
            'category.PUBLIC_SECTOR': 'Offentlig sektor',
            'category.ACADEMIA': 'Akademi',
            'category.BUSINESS_SUPPORT': 'Företagsfrämjande',
            'category.CIVIL_SOCIETY': 'Civilsamhälle',
            'category.COMPANY': 'Företag',
            'category.OTHER': 'Övrigt',

            'event.ProjectCreated': 'Projekt skapat',
            'event.PartnerJoined': 'Partner tillkom',
            'event.WorkPackagePlanned': 'Arbetspaket planerat',
            'event.WorkPackageStarted': 'Arbetspaket startat',
            'event.WorkPackageCompleted': 'Arbetspaket avslutat',
            'event.WorkPackageReplanned': 'Arbetspaket omplanerat',
            'event.IndicatorDefined': 'Indikator definierad',
            'event.IndicatorOutcomeRecorded': 'Indikatorutfall registrerat',
            'event.MeetingHeld': 'Möte',
            'event.WorkshopHeld': 'Workshop',
            'event.ActivityCancelled': 'Aktivitet inställd',
            'event.PilotProposed': 'Pilot föreslagen',
            'event.PilotIncluded': 'Pilot inkluderad',
            'event.PilotConcluded': 'Pilot avslutad',
            'event.PilotWithdrawn': 'Pilot tillbakadragen',
            'event.ProgressReportDrafted': 'Lägesrapport påbörjad',
            'event.ReportQuestionAnswered': 'Rapportfråga besvarad',
            'event.WorkPackageNarrativeWritten': 'Arbetspaketsredovisning skriven',
            'event.ReportSubmitted': 'Rapport inskickad',
            'event.ReportReturned': 'Rapport återsänd',
            'event.ReportApproved': 'Rapport godkänd'
        }
    };

    function storedLanguage() {
        try {
            const saved = window.localStorage.getItem(STORAGE_KEY);
            return LANGUAGES.includes(saved) ? saved : null;
        } catch (e) {
            return null; // storage may be disabled; the browser's language still applies
        }
    }

    function browserLanguage() {
        const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
        for (const tag of preferred) {
            const base = String(tag).toLowerCase().split('-')[0];
            if (SCANDINAVIAN.includes(base)) {
                return 'sv';
            }
            if (base === 'en') {
                return 'en';
            }
        }
        return 'en';
    }

    let language = storedLanguage() || browserLanguage();

    function locale() {
        return language === 'sv' ? 'sv-SE' : 'en-GB';
    }

    function has(key) {
        return key in TEXTS[language] || key in TEXTS.en;
    }

    /** The text of a key with its {placeholders} filled; the key itself if it has no text. */
    function t(key, params) {
        const text = TEXTS[language][key] ?? TEXTS.en[key] ?? key;
        return text.replace(/\{(\w+)}/g, (whole, name) => (params && name in params ? String(params[name]) : whole));
    }

    /** A counted text: key.one or key.other by the language's plural rules, {n} formatted. */
    function tn(key, n, params) {
        const form = new Intl.PluralRules(locale()).select(n) === 'one' ? 'one' : 'other';
        return t(key + '.' + form, Object.assign({ n: number(n) }, params));
    }

    function number(n, options) {
        return new Intl.NumberFormat(locale(), options).format(n);
    }

    function percent(fraction) {
        return number(fraction, { style: 'percent', maximumFractionDigits: 0 });
    }

    /** A calendar date (YYYY-MM-DD) as people write it in the language. */
    function date(isoDate) {
        if (!isoDate) {
            return t('common.none');
        }
        const [y, m, d] = isoDate.split('-').map(Number);
        return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
            .format(new Date(Date.UTC(y, m - 1, d)));
    }

    /** A month (YYYY-MM), short, with or without its year. */
    function month(isoMonth, withYear) {
        const [y, m] = isoMonth.split('-').map(Number);
        const options = withYear ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' };
        return new Intl.DateTimeFormat(locale(), options).format(new Date(Date.UTC(y, m - 1, 1)));
    }

    /** An instant in the reader's time zone. */
    function instant(iso) {
        if (iso === null || iso === undefined) {
            return '?'; // a stored time that could not be read (docs/architecture.md)
        }
        const when = new Date(iso);
        if (Number.isNaN(when.getTime())) {
            return String(iso);
        }
        return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(when);
    }

    function time(when) {
        return new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(when);
    }

    function apply(root) {
        document.documentElement.lang = language;
        (root || document).querySelectorAll('[data-i18n]').forEach((element) => {
            const key = element.getAttribute('data-i18n');
            if (key) {
                element.textContent = t(key);
            }
        });
        document.querySelectorAll('[data-language-switch]').forEach(drawSwitch);
    }

    function drawSwitch(container) {
        let group = container.querySelector('.language-switch');
        if (!group) {
            group = document.createElement('div');
            group.className = 'language-switch';
            group.setAttribute('role', 'group');
            for (const code of LANGUAGES) {
                const button = document.createElement('button');
                button.type = 'button';
                button.lang = code;
                button.textContent = code.toUpperCase();
                button.dataset.language = code;
                button.dataset.testid = 'language-' + code;
                button.addEventListener('click', () => setLanguage(code));
                group.append(button);
            }
            container.append(group);
        }
        group.setAttribute('aria-label', t('language.label'));
        group.querySelectorAll('button').forEach((button) => {
            button.setAttribute('aria-pressed', String(button.dataset.language === language));
            button.title = t('language.' + button.dataset.language);
        });
    }

    function setLanguage(code) {
        if (!LANGUAGES.includes(code)) {
            return;
        }
        language = code;
        try {
            window.localStorage.setItem(STORAGE_KEY, code);
        } catch (e) {
            // not remembered then; the switch still works on this page
        }
        apply(document);
        document.dispatchEvent(new CustomEvent('samverkan:language', { detail: code }));
    }

    /** More texts (the work pages keep theirs in work-texts.js); call before the page applies them. */
    function add(texts) {
        for (const code of LANGUAGES) {
            Object.assign(TEXTS[code], texts[code] || {});
        }
        // deferred scripts run after the document is parsed, so this file applied its texts before these
        // arrived: apply again, or the page's own headings and labels would show their keys
        if (document.readyState !== 'loading') {
            apply(document);
        }
    }

    window.SamverkanI18n = {
        add, t, tn, has, number, percent, date, month, instant, time, apply, setLanguage,
        language: () => language
    };

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', () => apply(document));
    } else {
        apply(document);
    }
})();
