package se.samverkan.query.notification.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTargetsTest {

    private final WebhookTargets strict = new WebhookTargets(false);
    private final WebhookTargets allowingPrivate = new WebhookTargets(true);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://127.8.9.10:8080/", "http://localhost/hook", "http://[::1]/",
            "http://10.1.2.3/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
            "http://0.0.0.0/", "http://[::]/", "http://[fc00::1]/",
            "http://[fd12:3456::1]/", "http://100.64.0.1/", "http://[::ffff:10.0.0.1]/",
            "http://[64:ff9b::a00:1]/", "https://224.0.0.1/", "http://255.255.255.255/"})
    void refusesLoopbackLinkLocalAndPrivateAddresses(String url) {
        assertThat(strict.refusal(url)).as(url).hasValueSatisfying(why -> assertThat(why).contains("address"));
        assertThat(allowingPrivate.refusal(url)).as(url + " when private targets are allowed").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://169.254.0.1/", "http://169.254.255.255:8080/",
            "http://[fe80::1]/", "http://[febf:ffff::1]/", "http://[fd00:ec2::254]/latest/meta-data/",
            "http://[fd00:ec2:0:0:0:0:0:254]/", "http://100.100.100.200/latest/meta-data/",
            "http://[::ffff:169.254.169.254]/", "http://[::ffff:a9fe:a9fe]/", "http://[::169.254.169.254]/",
            "http://[64:ff9b::169.254.169.254]/"})
    void refusesLinkLocalAndCloudMetadataAddressesEvenWhenPrivateTargetsAreAllowed(String url) {
        assertThat(strict.refusal(url)).as(url).isPresent();
        assertThat(allowingPrivate.refusal(url)).as(url + " when private targets are allowed")
                .hasValueSatisfying(why -> assertThat(why).contains("link-local or cloud metadata"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://0177.0.0.1/", "http://0177.0.0.01/", "http://0x7f.1/", "http://0x7f000001/",
            "http://0X7F.0.0.1/", "http://127.1/", "http://127.0.1/", "http://2130706433/", "http://2130706433:8080/x",
            "http://017700000001/", "http://93.184.216.034/", "http://1.2.3.4.5/", "http://127.0.0.1./",
            "http://user@0x7f.1/", "http://example.0x10/", "http://[::ffff:0177.0.0.1]/", "http://256.1.1.1/"})
    void refusesIpv4HostsNotInDottedDecimal(String url) {
        for (WebhookTargets targets : new WebhookTargets[]{strict, allowingPrivate}) {
            assertThat(targets.refusal(url)).as(url).hasValueSatisfying(why -> assertThat(why).contains("dotted decimal")
                    .contains("four decimal numbers"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://10.0.0.1/", "http://0.0.0.0/", "http://255.255.255.255/",
            "http://localhost/", "http://a1.example/", "http://[::1]/"})
    void acceptsDottedDecimalAndNamesWhenPrivateTargetsAreAllowed(String url) {
        assertThat(allowingPrivate.refusal(url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "http://8.8.8.8:8080/x?y=1", "https://[2606:4700::1111]/",
            "http://172.32.0.1/", "http://100.128.0.1/"})
    void acceptsPublicAddresses(String url) {
        assertThat(strict.refusal(url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.216.34/", "file:///etc/passwd", "javascript:alert(1)", "93.184.216.34/hook", "",
            "http://", "http://user:pw@93.184.216.34/", "http://93.184.216.34/#x", "http://exa mple.com/"})
    void refusesWhatIsNotAPlainHttpUrl(String url) {
        assertThat(strict.refusal(url)).as(url).isPresent();
        assertThat(allowingPrivate.refusal(url)).as(url + " even when private targets are allowed").isPresent();
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        assertThat(strict.refusal("https://no-such-host.invalid/hook"))
                .hasValueSatisfying(why -> assertThat(why).contains("does not resolve"));
    }

    @Test
    void refusesNoUrl() {
        assertThat(strict.refusal(null)).isPresent();
    }
}
