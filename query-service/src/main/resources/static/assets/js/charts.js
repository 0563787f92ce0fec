/*
 * The dashboard's charts as inline SVG, drawn at the width of their container (so text keeps its
 * size) and redrawn when it changes. Colours come from the style sheet (classes series-N, year-N,
 * planned, actual-*, delayed); every chart carries a text alternative, and the numbers it shows are
 * also written out beside it.
 */
(function () {
    'use strict';

    const { s, day, today, isoMonthOf } = window.Samverkan;
    const i18n = window.SamverkanI18n;

    /** A round upper bound for an axis: 5, 10, 20, 25, 50, 100, ... */
    function niceMax(value) {
        if (value <= 5) {
            return 5;
        }
        const power = 10 ** Math.floor(Math.log10(value));
        for (const factor of [1, 2, 2.5, 5, 10]) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    function svgRoot(className, width, height, label, parts) {
        return s('svg', {
            class: 'chart ' + className, width, height, viewBox: '0 0 ' + width + ' ' + height,
            role: 'img', 'aria-label': label, focusable: 'false'
        }, parts);
    }

    function decimals(value) {
        return i18n.number(value, { maximumFractionDigits: 1 });
    }

    /**
     * One indicator: the outcome stacked by year against the target (solid marker) and the linear
     * path's expected value today (dashed marker). yearIndex gives each year the same colour in
     * every indicator.
     */
    function indicatorBar(indicator, yearIndex, width) {
        const height = 30;
        const barTop = 7;
        const barHeight = 16;
        const total = Number(indicator.total) || 0;
        const target = Number(indicator.target) || 0;
        const expected = typeof indicator.expectedByNow === 'number' ? indicator.expectedByNow : null;
        const scaleMax = Math.max(target, total, expected || 0, 1);
        const x = (value) => 2 + (value / scaleMax) * (width - 6);
        const parts = [];
        parts.push(s('rect', { class: 'track', x: x(0), y: barTop, width: x(Math.max(target, 0)) - x(0), height: barHeight, rx: 3 }));
        let from = 0;
        const years = Object.keys(indicator.byYear || {}).sort();
        for (const year of years) {
            const value = Number(indicator.byYear[year]) || 0;
            if (value <= 0) {
                continue;
            }
            parts.push(s('rect', {
                class: 'year-' + ((yearIndex.get(year) ?? 0) % 6), x: x(from), y: barTop,
                width: Math.max(1, x(from + value) - x(from)), height: barHeight
            }, s('title', { text: year + ': ' + i18n.number(value) })));
            from += value;
        }
        if (expected !== null && expected > 0) {
            parts.push(s('line', { class: 'expected-marker', x1: x(expected), x2: x(expected), y1: 1, y2: height - 1 },
                s('title', { text: i18n.t('indicators.expected', { expected: decimals(expected) }) })));
        }
        if (target > 0) {
            parts.push(s('line', { class: 'target-marker', x1: x(target), x2: x(target), y1: 0, y2: height },
                s('title', { text: i18n.t('indicators.target') + ' ' + i18n.number(target) })));
        }
        const yearWords = years.map((year) => year + ': ' + i18n.number(indicator.byYear[year])).join(', ');
        const label = i18n.t('indicators.chart', {
            name: indicator.name, total: i18n.number(total), target: i18n.number(target), years: yearWords
        });
        return svgRoot('indicator-chart', width, height, label, parts);
    }

    /** Where a work package's actual bar ends: its completion, else today (open). */
    function actualEnd(workPackage, now) {
        return workPackage.completedOn ? day(workPackage.completedOn) : now;
    }

    /**
     * Gantt-like timeline: per work package the planned span (light band) above the actual one
     * (from start to completion or today), the part after the planned end in the delay colour with
     * "+N days" beside it, replans as small diamonds, and a line for today.
     */
    function timeline(workPackages, project, width) {
        const now = today();
        const labelWidth = Math.round(Math.min(230, Math.max(130, width * 0.22)));
        const rightRoom = 92;
        const rowHeight = 40;
        const top = 24;
        const height = top + rowHeight * workPackages.length + 20; // room below for the today label

        const periodStart = day(project.periodStart);
        const periodEnd = day(project.periodEnd);
        const firsts = [periodStart].concat(workPackages.flatMap((wp) => [day(wp.plannedStart), day(wp.startedOn)]))
            .filter((d) => d !== null);
        const domainStart = Math.min(...firsts);
        // Open work packages run to today; far past the period that would squeeze the chart, so
        // the view stops a third of the period after its end and the bars are cut there.
        const viewLimit = periodEnd + (periodEnd - domainStart) / 3;
        const lasts = [periodEnd].concat(workPackages.flatMap((wp) => [day(wp.plannedEnd), day(wp.completedOn)]))
            .filter((d) => d !== null);
        if (workPackages.some((wp) => !wp.completedOn && (wp.startedOn || wp.status === 'DELAYED'))) {
            lasts.push(Math.min(now, viewLimit));
        }
        const domainEnd = Math.max(...lasts, domainStart + 1);
        const plotLeft = labelWidth + 8;
        const plotRight = Math.max(plotLeft + 40, width - rightRoom);
        const x = (d) => plotLeft + ((Math.min(Math.max(d, domainStart), domainEnd) - domainStart) / (domainEnd - domainStart)) * (plotRight - plotLeft);

        const parts = [];
        // the axis: a line and label at each new year, lighter ticks at the quarters
        const startYear = new Date(domainStart * 86400000).getUTCFullYear();
        const endYear = new Date(domainEnd * 86400000).getUTCFullYear();
        for (let year = startYear; year <= endYear; year += 1) {
            for (let quarter = 0; quarter < 4; quarter += 1) {
                const tick = Date.UTC(year, quarter * 3, 1) / 86400000;
                if (tick < domainStart || tick > domainEnd) {
                    continue;
                }
                parts.push(s('line', { class: quarter === 0 ? 'grid-year' : 'grid-quarter', x1: x(tick), x2: x(tick), y1: top - 6, y2: height - 4 }));
                if (quarter === 0) {
                    parts.push(s('text', { class: 'axis-label', x: x(tick) + 3, y: top - 10, text: String(year) }));
                }
            }
        }
        if (x(domainStart) < x(Date.UTC(startYear + 1, 0, 1) / 86400000) - 40) {
            parts.push(s('text', { class: 'axis-label', x: x(domainStart), y: top - 10, text: i18n.month(isoMonthOf(domainStart), true) }));
        }

        workPackages.forEach((wp, index) => {
            const rowTop = top + index * rowHeight;
            const plannedStart = day(wp.plannedStart);
            const plannedEnd = day(wp.plannedEnd);
            const title = i18n.t('wp.short', { n: wp.number }) + ' ' + wp.name;
            const maxChars = Math.max(8, Math.floor(labelWidth / 6.6));
            const shortName = wp.name.length > maxChars ? wp.name.slice(0, maxChars - 1) + '…' : wp.name;
            parts.push(s('text', { class: 'row-label', x: 0, y: rowTop + 15 }, s('tspan', { class: 'row-label-strong', text: i18n.t('wp.short', { n: wp.number }) }),
                s('title', { text: title })));
            parts.push(s('text', { class: 'row-sublabel', x: 0, y: rowTop + 31, text: shortName }, s('title', { text: title })));

            parts.push(s('rect', {
                class: 'planned', x: x(plannedStart), y: rowTop + 5, width: Math.max(2, x(plannedEnd) - x(plannedStart)), height: 9, rx: 2
            }, s('title', { text: i18n.t('timeline.planned') + ': ' + i18n.date(wp.plannedStart) + ' – ' + i18n.date(wp.plannedEnd) })));

            const started = day(wp.startedOn);
            const end = actualEnd(wp, now);
            if (started !== null) {
                // the dashboard JSON decides what is late (its "today" may differ from the reader's)
                const delayed = wp.status === 'DELAYED' && end > plannedEnd;
                const onTimeEnd = delayed ? plannedEnd : end;
                const actualWords = i18n.t('timeline.actual') + ': ' + i18n.date(wp.startedOn) + ' – '
                    + (wp.completedOn ? i18n.date(wp.completedOn) : i18n.t('timeline.open'));
                if (onTimeEnd > started) {
                    parts.push(s('rect', {
                        class: 'actual actual-' + (wp.lifecycle || wp.status || 'ACTIVE').toLowerCase(),
                        x: x(started), y: rowTop + 17, width: Math.max(2, x(onTimeEnd) - x(started)), height: 12, rx: 2
                    }, s('title', { text: actualWords })));
                }
                if (delayed) {
                    parts.push(s('rect', {
                        class: 'delayed', x: x(Math.max(plannedEnd, started)), y: rowTop + 17,
                        width: Math.max(2, x(end) - x(Math.max(plannedEnd, started))), height: 12, rx: 2
                    }, s('title', { text: actualWords })));
                }
            }
            if (wp.status === 'DELAYED' && wp.delayDays > 0) {
                const labelAt = x(started !== null ? end : Math.min(now, domainEnd));
                parts.push(s('text', { class: 'delay-label', x: labelAt + 6, y: rowTop + 28, text: i18n.tn('wp.delay', wp.delayDays) }));
            }
            for (const replan of wp.replans || []) {
                const at = x(day(replan.previousPlannedEnd));
                parts.push(s('path', { class: 'replan-marker', d: `M${at} ${rowTop + 3} l4 6.5 l-4 6.5 l-4 -6.5 z` },
                    s('title', {
                        text: i18n.t('timeline.replanned', {
                            previous: i18n.date(replan.previousPlannedEnd), planned: i18n.date(replan.plannedEnd), reason: replan.reason || ''
                        })
                    })));
            }
        });

        if (now >= domainStart && now <= domainEnd) {
            parts.push(s('line', { class: 'today-line', x1: x(now), x2: x(now), y1: top - 4, y2: height - 16 }));
            parts.push(s('text', { class: 'today-label', x: x(now), y: height - 3, 'text-anchor': 'middle', text: i18n.t('timeline.today') }));
        }
        return svgRoot('timeline-chart', width, height, i18n.t('timeline.chart'), parts);
    }

    /** Columns per month, stacked by work package (colour series-N), with the month's total on top. */
    function activityColumns(byMonth, months, seriesIndex, width) {
        const height = 210;
        const left = 30;
        const right = 6;
        const top = 16;
        const bottom = 36;
        const counts = new Map();
        for (const entry of byMonth) {
            const key = entry.month + '|' + entry.workPackage;
            counts.set(key, (counts.get(key) || 0) + (Number(entry.count) || 0));
        }
        const workPackages = [...seriesIndex.keys()];
        const totals = months.map((month) => workPackages.reduce((sum, wp) => sum + (counts.get(month + '|' + wp) || 0), 0));
        const yMax = niceMax(Math.max(1, ...totals));
        const step = yMax / 5;
        const band = (width - left - right) / Math.max(1, months.length);
        const barWidth = Math.max(2, Math.min(34, band * 0.72));
        const y = (value) => top + (1 - value / yMax) * (height - top - bottom);
        const parts = [];
        for (let value = 0; value <= yMax + 1e-9; value += step) {
            parts.push(s('line', { class: value === 0 ? 'axis-line' : 'grid-line', x1: left, x2: width - right, y1: y(value), y2: y(value) }));
            parts.push(s('text', { class: 'axis-label', x: left - 6, y: y(value) + 4, 'text-anchor': 'end', text: i18n.number(value) }));
        }
        const labelEvery = band >= 36 ? 1 : band >= 18 ? 2 : band >= 12 ? 3 : 6;
        months.forEach((month, index) => {
            const centre = left + index * band + band / 2;
            let stacked = 0;
            for (const wp of workPackages) {
                const count = counts.get(month + '|' + wp) || 0;
                if (count <= 0) {
                    continue;
                }
                parts.push(s('rect', {
                    class: 'series-' + (seriesIndex.get(wp) % 8), x: centre - barWidth / 2, y: y(stacked + count),
                    width: barWidth, height: Math.max(1, y(stacked) - y(stacked + count))
                }, s('title', { text: i18n.t('activities.bar', { wp: i18n.t('wp.short', { n: wp }), month: i18n.month(month, true), count: i18n.number(count) }) })));
                stacked += count;
            }
            if (totals[index] > 0) {
                parts.push(s('text', { class: 'column-total', x: centre, y: y(totals[index]) - 4, 'text-anchor': 'middle', text: i18n.number(totals[index]) }));
            }
            const monthNumber = Number(month.slice(5, 7));
            if ((monthNumber - 1) % labelEvery === 0 || index === 0) {
                parts.push(s('text', { class: 'axis-label', x: centre, y: height - bottom + 15, 'text-anchor': 'middle', text: i18n.month(month, false) }));
                if (monthNumber === 1 || index === 0) {
                    parts.push(s('text', { class: 'axis-label axis-year', x: centre, y: height - bottom + 29, 'text-anchor': 'middle', text: month.slice(0, 4) }));
                }
            }
        });
        return svgRoot('activity-chart', width, height, i18n.t('activities.chart'), parts);
    }

    /** One bar split into shares (participation by gender). */
    function shareBar(parts, width, label) {
        const height = 24;
        const total = parts.reduce((sum, part) => sum + part.value, 0);
        const shapes = [s('rect', { class: 'track', x: 0, y: 0, width, height, rx: 4 })];
        let from = 0;
        for (const part of parts) {
            if (part.value <= 0 || total <= 0) {
                continue;
            }
            const partWidth = (part.value / total) * width;
            shapes.push(s('rect', { class: part.className, x: from, y: 0, width: partWidth, height },
                s('title', { text: part.label + ': ' + i18n.number(part.value) })));
            from += partWidth;
        }
        return svgRoot('share-chart', width, height, label, shapes);
    }

    window.SamverkanCharts = { indicatorBar, timeline, activityColumns, shareBar, niceMax };
})();
