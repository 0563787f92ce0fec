package se.samverkan.query.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import se.samverkan.platform.web.ProblemHandler;
import se.samverkan.platform.web.Problems;

/** The platform's problem+json answers plus the query service's own: a query parameter of the wrong type. */
@RestControllerAdvice
public class QueryProblemHandler extends ProblemHandler {

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
                "The parameter '" + e.getName() + "' cannot be '" + e.getValue() + "'"
                        + (e.getRequiredType() != null ? "; it must be a " + e.getRequiredType().getSimpleName() : ""));
    }
}
