package se.samverkan.events.project;

import org.axonframework.serialization.Revision;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.ProjectEvent;

import java.math.BigDecimal;
import java.util.List;

/**
 * A MANUAL indicator's outcome for one year: either a value or a list of organisations (then the
 * value is their number). A later outcome for the same year replaces the earlier one.
 */
@Revision("1")
public record IndicatorOutcomeRecorded(String projectId, String code, int year, BigDecimal value,
                                       List<OrgNumber> organisations, String note) implements ProjectEvent {
}
