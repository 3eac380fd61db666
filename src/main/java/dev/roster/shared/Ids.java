package dev.roster.shared;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New ids are UUID version 7: time-ordered, so new rows land at the end of their indexes, and unguessable enough
 * (74 random bits) that an id leaks nothing about its neighbours.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static UUID next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long randB = RANDOM.nextLong();
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
