package se.samverkan.platform.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import se.samverkan.platform.input.InputRules;

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

    /** JSON is read as UTF-8 only: a body declared in another charset is 415 (its bytes would be read differently). */
    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) {
        MediaType type = inputMessage.getHeaders().getContentType();
        String charset = type == null ? null : type.getParameter("charset");
        if (charset != null && !charset.replace("\"", "").equalsIgnoreCase("UTF-8")) {
            throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "JSON request bodies must be UTF-8;"
                    + " send Content-Type: application/json without a charset or with charset=UTF-8, not charset=" + charset);
        }
        return inputMessage;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        List<InputRules.Problem> problems = InputRules.problemsIn(body);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return body;
    }
}
