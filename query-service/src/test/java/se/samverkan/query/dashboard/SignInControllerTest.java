package se.samverkan.query.dashboard;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SignInControllerTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/projects/siv", "/projects/siv?tab=indicators", "/projects/a-b_c.d~e", "/reports/r1/history",
            "/projects/%C3%A5sa"})
    void aLocalPathIsWhereTheSignInLeads(String next) {
        assertThat(SignInController.safeNext(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"//evil.example", "//evil.example/projects/siv", "/\\evil.example", "\\\\evil.example",
            "https://evil.example/", "http:/evil.example", "javascript:alert(1)", "evil.example", "projects/siv",
            "/\t/evil.example", "/\n/evil.example", "/ /evil.example", "/projects/siv\r\nSet-Cookie: x=1",
            "/projects/\"><script>", "/sign-in", "/sign-in?next=/", "/sign-out", " /projects/siv"})
    void anythingElseLeadsToThePortfolio(String next) {
        assertThat(SignInController.safeNext(next)).isEqualTo("/");
    }
}
