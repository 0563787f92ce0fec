package se.samverkan.events.report;

import se.samverkan.events.project.CountingRule;

import java.math.BigDecimal;
import java.util.SortedMap;

/** An indicator's outcome as it stood when a report was submitted. */
public record IndicatorOutcomeSnapshot(String code, String name, String unit, BigDecimal target, CountingRule countingRule,
                                       BigDecimal total, SortedMap<Integer, BigDecimal> byYear) {
}
