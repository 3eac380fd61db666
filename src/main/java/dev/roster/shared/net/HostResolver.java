package dev.roster.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Looks up a host name's addresses: the JDK's lookup, unless a test gives another. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
