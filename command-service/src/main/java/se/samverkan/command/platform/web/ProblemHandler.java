package se.samverkan.command.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import se.samverkan.command.common.ConflictException;
import se.samverkan.command.common.FieldError;
import se.samverkan.command.common.NotFoundException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.command.security.ForbiddenException;
import se.samverkan.platform.input.JsonInputProblem;
import se.samverkan.platform.database.DatabaseOutage;

import java.util.List;
import java.util.Map;

/** Every error as RFC 9457 problem+json; bad input is always a 4xx that says what to fix. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(RuleViolation.class)
    public ProblemDetail ruleViolation(RuleViolation e) {
        return validationProblem(e.errors());
    }

    @ExceptionHandler(ConflictException.class)
    public ProblemDetail conflict(ConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    public ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    public ProblemDetail forbidden(ForbiddenException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }

    @ExceptionHandler(Versions.BadIfMatchException.class)
    public ProblemDetail badIfMatch(Versions.BadIfMatchException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-if-match", "Malformed If-Match", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseOutage.isCauseOf(e)) {
            return DatabaseOutageFilter.answer(e);
        }
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Something went wrong on our side; nothing was stored. The error is logged."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem;
        if (hasCause(e, RequestSizeLimitFilter.BodyTooLargeException.class)) {
            problem = RequestSizeLimitFilter.tooLarge();
        } else {
            JsonInputProblem json = JsonInputProblem.of(e);
            problem = json.isMalformed()
                    ? Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", json.message())
                    : validationProblem(List.of(new FieldError(json.field(), json.message())));
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ProblemDetail validationProblem(List<FieldError> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "validation", "Invalid request",
                "Some fields break the rules: " + String.join("; ", errors.stream().map(f -> f.field() + " " + f.message()).toList()));
        problem.setProperty("errors", errors.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        return problem;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
