package se.samverkan.query.notification.webhook;

import se.samverkan.query.notification.EventTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.platform.input.InputRules;
import se.samverkan.platform.input.Url;
import se.samverkan.events.security.Role;
import se.samverkan.query.platform.eventstore.StoredEvents;
import se.samverkan.platform.web.BadRequestException;
import se.samverkan.platform.web.InvalidInputException;
import se.samverkan.platform.web.NotFoundException;
import se.samverkan.platform.security.Caller;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * /api/subscriptions: a partner's (or coordinator's) webhooks for the projects in its token's scope.
 * Each caller sees and changes only its own subscriptions; another's answer 404 as if absent.
 */
@RestController
@RequestMapping("/api/subscriptions")
public class SubscriptionController {

    static final int MAX_DELIVERIES = 1000;

    public record SubscriptionRequest(@Url String url, List<String> eventTypes, List<String> projects) {
    }

    public record ReplayRequest(String since) {
    }

    /** The secret is answered only here, once: it signs the deliveries and is stored encrypted. */
    public record CreatedSubscription(String id, String secret) {
    }

    /** queued: how many of the subscription's events since that instant are queued for delivery again. */
    public record ReplayQueued(String subscription, String since, int queued) {
    }

    private final Subscriptions subscriptions;
    private final WebhookSecrets secrets;
    private final WebhookTargets targets;
    private final EventTypes eventTypes;
    private final StoredEvents store;

    public SubscriptionController(Subscriptions subscriptions, WebhookSecrets secrets, WebhookTargets targets,
                                  EventTypes eventTypes, StoredEvents store) {
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.targets = targets;
        this.eventTypes = eventTypes;
        this.store = store;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 that the answer sets
    public ResponseEntity<CreatedSubscription> create(@RequestBody SubscriptionRequest request, Caller caller) {
        mayManage(caller);
        List<String> projects = distinct(request.projects());
        List<String> types = distinct(request.eventTypes());
        // scope before existence, so that nobody learns which projects exist outside its scope
        projects.stream().filter(p -> p != null && !p.isBlank()).forEach(caller::requireRead);
        List<InputRules.Problem> problems = new ArrayList<>();
        targets.refusal(request.url()).ifPresent(why -> problems.add(new InputRules.Problem("url", why)));
        if (projects.isEmpty()) {
            problems.add(new InputRules.Problem("projects", "must name at least one project"));
        }
        for (int i = 0; i < projects.size(); i++) {
            String project = projects.get(i);
            if (project == null || project.isBlank()) {
                problems.add(new InputRules.Problem("projects[" + i + "]", "must be a project id"));
            } else if (!store.projectExists(project)) {
                problems.add(new InputRules.Problem("projects[" + i + "]", "there is no project '" + project + "'"));
            }
        }
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == null || !eventTypes.contains(types.get(i))) {
                problems.add(new InputRules.Problem("eventTypes[" + i + "]", "'" + types.get(i) + "' is not an event type; use"
                        + " the simple names " + String.join(", ", eventTypes.names()) + ", or none for all"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String secret = secrets.newSecret();
        String id = subscriptions.create(caller.userId(), request.url().trim(), types, projects, secrets.encrypt(secret),
                store.head());
        return ResponseEntity.created(URI.create("/api/subscriptions/" + id)).body(new CreatedSubscription(id, secret));
    }

    @GetMapping
    public List<Subscriptions.Subscription> list(Caller caller) {
        mayManage(caller);
        return subscriptions.ofOwner(caller.userId());
    }

    @DeleteMapping("/{subscriptionId}")
    public ResponseEntity<Void> delete(@PathVariable String subscriptionId, Caller caller) {
        mayManage(caller);
        if (!subscriptions.delete(subscriptionId, caller.userId())) {
            throw notFound(subscriptionId);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{subscriptionId}/deliveries")
    public List<Subscriptions.Delivery> deliveries(@PathVariable String subscriptionId,
                                                   @RequestParam(defaultValue = "100") int limit, Caller caller) {
        mayManage(caller);
        Subscriptions.Subscription subscription = own(subscriptionId, caller);
        if (limit < 1 || limit > MAX_DELIVERIES) {
            throw new BadRequestException("'limit' must be between 1 and " + MAX_DELIVERIES + ", not " + limit);
        }
        return subscriptions.deliveries(subscription.id(), limit);
    }

    @PostMapping("/{subscriptionId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED) // documents the 202 that the answer sets
    public ResponseEntity<ReplayQueued> replay(@PathVariable String subscriptionId, @RequestBody ReplayRequest request, Caller caller) {
        mayManage(caller);
        Subscriptions.Subscription subscription = own(subscriptionId, caller);
        Instant since;
        try {
            since = Instant.parse(request.since() == null ? "" : request.since().trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(List.of(new InputRules.Problem("since",
                    "must be an instant such as 2024-05-27T08:00:00Z, not '" + request.since() + "'")));
        }
        int queued = subscriptions.replay(subscription, since);
        return ResponseEntity.accepted().body(new ReplayQueued(subscription.id(), since.toString(), queued));
    }

    private Subscriptions.Subscription own(String subscriptionId, Caller caller) {
        return subscriptions.find(subscriptionId, caller.userId()).orElseThrow(() -> notFound(subscriptionId));
    }

    private static NotFoundException notFound(String subscriptionId) {
        return new NotFoundException("You have no subscription '" + subscriptionId + "'.");
    }

    private static void mayManage(Caller caller) {
        caller.requireRole(Role.PARTNER, Role.COORDINATOR);
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(values));
    }
}
