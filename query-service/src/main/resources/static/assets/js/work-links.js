/* The dashboard's links to what the signed-in caller may do in this project (the pages check again). */
(function () {
    'use strict';

    const { h, caller } = window.Samverkan;
    const t = window.SamverkanI18n.t;
    const nav = document.getElementById('work-links');
    const projectId = decodeURIComponent(window.location.pathname.replace(/^\/projects\//, '').replace(/\/+$/, ''));
    const base = '/projects/' + encodeURIComponent(projectId);
    let me = null;

    function draw() {
        if (!me) {
            return;
        }
        const writes = me.role === 'COORDINATOR' || me.role === 'ADMIN';
        const links = [
            writes && ['activity', base + '/activities/new'],
            writes && ['manage', base + '/manage'],
            ['reports', base + '/reports'],
            (me.role === 'AUDITOR' || me.role === 'ADMIN') && ['reviews', '/reviews'],
            me.role !== 'AUDITOR' && ['subscriptions', '/subscriptions']
        ].filter(Boolean);
        nav.replaceChildren(...links.map(([key, href]) =>
            h('a', { class: 'button', href, 'data-testid': 'link-' + key, text: t('work.link.' + key) })));
        nav.setAttribute('aria-label', t('work.links'));
        nav.hidden = false;
    }

    caller().then((found) => {
        me = found;
        draw();
    }).catch(() => {
        // no links then; the dashboard itself shows why it cannot load
    });
    document.addEventListener('samverkan:language', draw);
})();
