package se.samverkan.command.platform.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import se.samverkan.command.common.FieldError;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.events.input.InputRules;

import java.lang.reflect.Type;
import java.util.List;

/**
 * DESIGN.md's input rules (lengths, lines, characters, list sizes) for every string of every request
 * body, checked once here before any controller sees the request: 422 naming each field.
 */
@ControllerAdvice
public class RequestBodyRules extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        List<InputRules.Problem> problems = InputRules.problemsIn(body);
        if (!problems.isEmpty()) {
            throw new RuleViolation(problems.stream().map(p -> new FieldError(p.field(), p.message())).toList());
        }
        return body;
    }
}
