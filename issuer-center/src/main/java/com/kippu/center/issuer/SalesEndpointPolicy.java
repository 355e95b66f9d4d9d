package com.kippu.center.issuer;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the center may send an issuer's sales records: an {@code https} URL on a host the operator
 * allowed ({@code center.issuer.sales-hosts}), never an address literal on the center's own network
 * (loopback, link-local cloud metadata, private ranges). In development mode plain HTTP to the
 * loopback interface is allowed too, for the simulator's and the tests' own receivers.
 */
public final class SalesEndpointPolicy {
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private final Set<String> allowedHosts;
  private final boolean loopbackForDevelopment;

  public SalesEndpointPolicy(Set<String> allowedHosts, boolean loopbackForDevelopment) {
    this.allowedHosts =
        Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    this.loopbackForDevelopment = loopbackForDevelopment;
  }

  /** Why {@code endpoint} is refused; empty when the center may deliver to it. */
  public Optional<String> refusal(URI endpoint) {
    String host = endpoint.getHost();
    if (!endpoint.isAbsolute() || host == null || endpoint.getRawUserInfo() != null) {
      return Optional.of("must be an absolute https URL with a host and no user info");
    }
    host = host.toLowerCase(Locale.ROOT);
    Optional<InetAddress> literal = literal(host);
    if (loopbackForDevelopment
        && literal.map(InetAddress::isLoopbackAddress).orElse(host.equals("localhost"))
        && (endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
      return Optional.empty();
    }
    if (!"https".equals(endpoint.getScheme())) {
      return Optional.of("must be an https URL");
    }
    if (literal.isPresent() && internal(literal.get())) {
      return Optional.of("must not be a loopback, link-local or private address");
    }
    if (!allowedHosts.contains(host)) {
      return Optional.of(
          "host " + host + " is not one the operator allowed (center.issuer.sales-hosts)");
    }
    return Optional.empty();
  }

  private static boolean internal(InetAddress a) {
    return a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isAnyLocalAddress()
        || a.isMulticastAddress();
  }

  /** The address when {@code host} is an IP literal (no name lookup), else empty. */
  private static Optional<InetAddress> literal(String host) {
    if (!IPV4.matcher(host).matches() && !host.startsWith("[") && !host.contains(":")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
