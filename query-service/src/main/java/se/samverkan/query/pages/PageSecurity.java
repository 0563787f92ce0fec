package se.samverkan.query.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import se.samverkan.platform.web.Problems;
import se.samverkan.query.security.AuthenticationFilter;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

/**
 * Spring Security guards the pages' writes against cross-site request forgery, and nothing else: who
 * the caller is and what it may do stays with AuthenticationFilter and the controllers (everything is
 * permitted at Spring Security's level; no login form, basic auth, logout or sessions of its own).
 *
 * <p>A state-changing request that rides on the session cookie must carry the token of the
 * {@value #CSRF_COOKIE} cookie (readable by the pages' script, SameSite=Strict) in the
 * {@value #CSRF_HEADER} header or the {@code _csrf} form field; without it the answer is 403
 * problem+json. A request with an Authorization header proves itself and needs no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
public class PageSecurity {

    public static final String CSRF_COOKIE = "XSRF-TOKEN";
    public static final String CSRF_HEADER = "X-XSRF-TOKEN";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    public SecurityFilterChain csrfForCookieSessions(HttpSecurity http, ObjectMapper json) throws Exception {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict").path("/"));
        CsrfTokenRequestAttributeHandler handler = new CsrfTokenRequestAttributeHandler();
        http.addFilterAfter(new TokenCookieOnPages(), CsrfFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(tokens).csrfTokenRequestHandler(handler)
                        .requireCsrfProtectionMatcher(PageSecurity::isCookieSessionWrite))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, denied) ->
                        Problems.write(response, json, Problems.of(HttpStatus.FORBIDDEN, "csrf", "Forbidden",
                                "This form was not sent by a Samverkan page (its CSRF token is missing or stale): "
                                        + "reload the page and send it again."))))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // the pages set their own security headers (HtmlPage); the API's caching stays as it was
                .headers(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /** Paths Spring Security's firewall refuses are malformed input: 400 problem+json like every other. */
    @Bean
    public RequestRejectedHandler rejectedRequestsAsProblems(ObjectMapper json) {
        return (request, response, rejected) -> Problems.write(response, json, Problems.of(HttpStatus.BAD_REQUEST,
                "malformed-request", "Bad Request", "The request's address is malformed: " + rejected.getMessage()));
    }

    /**
     * Pages (GETs outside /api/, /assets/ and /actuator/) make sure the CSRF cookie exists, so their
     * scripts and forms have a token to send; other answers never set it (the token is deferred).
     */
    static final class TokenCookieOnPages extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI();
            if ("GET".equals(request.getMethod()) && !path.startsWith("/api/") && !path.startsWith("/assets/")
                    && !path.startsWith("/actuator/")) {
                CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
                if (token != null) {
                    token.getToken(); // loading it saves the cookie when the browser has none yet
                }
            }
            chain.doFilter(request, response);
        }
    }

    static boolean isCookieSessionWrite(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getHeader("Authorization") != null) {
            return false;
        }
        // signing in starts a session rather than riding on one; a stale cookie of an ended session must not block it
        if ("/sign-in".equals(request.getRequestURI())) {
            return false;
        }
        Cookie[] cookies = request.getCookies();
        return cookies != null && Arrays.stream(cookies).anyMatch(c -> AuthenticationFilter.SESSION_COOKIE.equals(c.getName()));
    }
}
