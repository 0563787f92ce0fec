package se.samverkan.query.notification.webhook;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which URLs a webhook may target: http(s) only; IPv4 hosts only in dotted decimal (octal, hexadecimal and
 * shortened forms such as 0177.0.0.1, 0x7f.1, 127.1 or 2130706433 mean different hosts to different
 * resolvers and proxies); never a link-local or cloud metadata address; and unless
 * SAMVERKAN_WEBHOOK_ALLOW_PRIVATE is set, no host that resolves to a loopback, private, unique-local, shared
 * (CGNAT), unspecified or multicast address, nor one that does not resolve. Every address of the host is
 * checked, when the subscription is made and again before every delivery (a name may later resolve elsewhere).
 */
@Component
public class WebhookTargets {

    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern DOTTED_DECIMAL =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    /** Cloud metadata services outside the link-local ranges: AWS over IPv6, Alibaba Cloud. */
    private static final List<String> METADATA_ADDRESSES = List.of("fd00:ec2:0:0:0:0:0:254", "100.100.100.200");

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
        // java.net.URI finds no host in 127.1 or 0x7f.1 (it reads them as registry names): look at the authority
        String host = uri.getHost() != null ? uri.getHost() : hostOf(uri.getRawAuthority());
        if (host != null && !isUnambiguous(host)) {
            return Optional.of("must write an IPv4 host in dotted decimal, as four decimal numbers like 192.0.2.10; octal, hexadecimal and"
                    + " shortened forms (0177.0.0.1, 0x7f.1, 127.1, 2130706433) mean different hosts to different programs");
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

    private static String hostOf(String authority) {
        if (authority == null || authority.isEmpty()) {
            return null;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    /** False for an IPv4 host (one whose last label is a number, as URL parsers decide) not in dotted decimal. */
    static boolean isUnambiguous(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            // an IPv6 literal may end in an IPv4 address: that one in dotted decimal too
            int colon = host.lastIndexOf(':');
            String tail = host.substring(colon + 1, host.length() - 1);
            return !tail.contains(".") || DOTTED_DECIMAL.matcher(tail).matches();
        }
        String[] labels = host.split("\\.", -1);
        String last = labels[labels.length - 1].isEmpty() && labels.length > 1 ? labels[labels.length - 2] : labels[labels.length - 1];
        return !NUMERIC_LABEL.matcher(last).matches() || DOTTED_DECIMAL.matcher(host).matches();
    }

    Optional<String> addressRefusal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return allowPrivate ? Optional.empty() : Optional.of("has a host that does not resolve: " + host);
        }
        for (InetAddress address : addresses) {
            if (isLinkLocalOrMetadata(address)) {
                return Optional.of("resolves to " + address.getHostAddress()
                        + ", a link-local or cloud metadata address; webhooks never go there");
            }
            if (!allowPrivate && isNonPublic(address)) {
                return Optional.of("resolves to " + address.getHostAddress()
                        + ", a loopback, link-local or private address; webhooks go to public addresses only");
            }
        }
        return Optional.empty();
    }

    /** Link-local (169.254.0.0/16, fe80::/10) or a cloud metadata address, also embedded in an IPv6 address. */
    static boolean isLinkLocalOrMetadata(InetAddress address) {
        if (address.isLinkLocalAddress() || METADATA_ADDRESSES.contains(address.getHostAddress())) {
            return true;
        }
        InetAddress embedded = embeddedIpv4(address);
        return embedded != null && isLinkLocalOrMetadata(embedded);
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address, else null. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] bytes = address.getAddress();
        boolean nat64 = (bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
                && (bytes[3] & 0xff) == 0x9b;
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= bytes[i] == 0;
        }
        if (!nat64 && !compatible) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        } catch (UnknownHostException e) {
            return null;
        }
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
            InetAddress embedded = embeddedIpv4(address);
            return embedded != null && isNonPublic(embedded);
        }
        return false;
    }
}
