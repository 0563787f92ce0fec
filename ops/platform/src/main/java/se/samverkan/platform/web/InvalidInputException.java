package se.samverkan.platform.web;

import se.samverkan.platform.input.InputRules;

import java.util.List;

/** A request that breaks DESIGN.md's input rules (HTTP 422), naming each field. */
public class InvalidInputException extends RuntimeException {

    private final List<InputRules.Problem> problems;

    public InvalidInputException(List<InputRules.Problem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public List<InputRules.Problem> problems() {
        return problems;
    }
}
