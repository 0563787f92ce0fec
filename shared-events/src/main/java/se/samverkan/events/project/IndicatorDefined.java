package se.samverkan.events.project;

import org.axonframework.serialization.Revision;
import se.samverkan.events.ProjectEvent;

import java.math.BigDecimal;

@Revision("1")
public record IndicatorDefined(String projectId, String code, String name, String unit, BigDecimal target, CountingRule countingRule) implements ProjectEvent {
}
