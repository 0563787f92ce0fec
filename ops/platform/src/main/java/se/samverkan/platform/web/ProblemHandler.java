package se.samverkan.platform.web;

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
import se.samverkan.platform.input.InputRules;
import se.samverkan.platform.input.JsonInputProblem;
import se.samverkan.platform.database.DatabaseOutage;

import java.util.List;
import java.util.Map;

/**
 * Every error as RFC 9457 problem+json, the part both services share; bad input is always a 4xx that says what
 * to fix. A service adds its own exceptions in a subclass (registered as a bean, it replaces this one).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(NotFoundException.class)
    public ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    public ProblemDetail forbidden(ForbiddenException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    public ProblemDetail conflict(ConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
    }

    @ExceptionHandler(BadRequestException.class)
    public ProblemDetail badRequest(BadRequestException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    public ProblemDetail invalidInput(InvalidInputException e) {
        return validationProblem(e.problems());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseOutage.isCauseOf(e)) {
            return DatabaseOutageFilter.answer(e);
        }
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                internalErrorDetail()));
    }

    /** What a 500 tells the client. */
    protected String internalErrorDetail() {
        return "Something went wrong on our side. The error is logged.";
    }

    /** Unreadable bodies: 413 past 1 MiB, 400 when not one well-formed JSON value, 422 naming a field that does not fit. */
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
                    : validationProblem(List.of(new InputRules.Problem(json.field(), json.message())));
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    protected static ProblemDetail validationProblem(List<InputRules.Problem> problems) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "validation", "Invalid request",
                "Some fields break the rules: " + String.join("; ", problems.stream().map(p -> p.field() + " " + p.message()).toList()));
        problem.setProperty("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
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
