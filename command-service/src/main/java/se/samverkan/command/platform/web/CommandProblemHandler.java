package se.samverkan.command.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.platform.input.InputRules;
import se.samverkan.platform.web.ProblemHandler;
import se.samverkan.platform.web.Problems;

/** The platform's problem+json answers plus the command service's own: broken rules and a malformed If-Match. */
@RestControllerAdvice
public class CommandProblemHandler extends ProblemHandler {

    @ExceptionHandler(RuleViolation.class)
    public ProblemDetail ruleViolation(RuleViolation e) {
        return validationProblem(e.errors().stream().map(f -> new InputRules.Problem(f.field(), f.message())).toList());
    }

    @ExceptionHandler(Versions.BadIfMatchException.class)
    public ProblemDetail badIfMatch(Versions.BadIfMatchException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-if-match", "Malformed If-Match", e.getMessage());
    }

    @Override
    protected String internalErrorDetail() {
        return "Something went wrong on our side; nothing was stored. The error is logged.";
    }
}
