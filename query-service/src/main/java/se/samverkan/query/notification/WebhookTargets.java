package se.samverkan.query.notification;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a webhook may target: http(s) only, and unless SAMVERKAN_WEBHOOK_ALLOW_PRIVATE is set, no
 * host that resolves to a loopback, link-local, private, unique-local, shared (CGNAT), unspecified or
 * multicast address, nor one that does not resolve. Every address of the host is checked, when the
 * subscription is made and again before every delivery (a name may later resolve elsewhere).
 */
@Component
public class WebhookTargets {

    private final boolean allowPrivate;

    @Autowired
    public WebhookTargets(WebhookSettings settings) {
        this(settings.allowPrivate());
    }

    WebhookTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why this URL may not be a target, or empty when it may. */
    Optional<String> refusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required: the http(s) URL that receives the notifications");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain user credentials; authenticate the calls with the signature");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        return addressRefusal(uri.getHost());
    }

    Optional<String> addressRefusal(String host) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return Optional.of("has a host that does not resolve: " + host);
        }
        for (InetAddress address : addresses) {
            if (isNonPublic(address)) {
                return Optional.of("resolves to " + address.getHostAddress()
                        + ", a loopback, link-local or private address; webhooks go to public addresses only");
            }
        }
        return Optional.empty();
    }

    static boolean isNonPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0                                      // 0.0.0.0/8 "this network"
                    || (first == 100 && (second & 0xc0) == 64)     // 100.64.0.0/10 shared (CGNAT)
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    || first >= 240;                               // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {                       // fc00::/7 unique local
                return true;
            }
            // IPv4-compatible or NAT64 forms that embed an IPv4 address: judge the embedded one
            boolean nat64 = (bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
                    && (bytes[3] & 0xff) == 0x9b;
            boolean compatible = true;
            for (int i = 0; i < 12; i++) {
                compatible &= bytes[i] == 0;
            }
            if (nat64 || compatible) {
                try {
                    return isNonPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
