package se.samverkan.events.testing;

import se.samverkan.events.OrgNumber;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Organisation numbers for tests that share one store. One in 10^9 random numbers: two tests never pick the same
 * one, so a number drawn here is also one nobody registered yet.
 */
public final class OrgNumbers {

    private OrgNumbers() {
    }

    /** A random valid Swedish organisationsnummer ({@code NNNNNN-NNNN}); the check digit is the one OrgNumber accepts. */
    public static String randomSwedish() {
        String digits = String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        for (int check = 0; check < 10; check++) {
            String candidate = digits.substring(0, 6) + "-" + digits.substring(6) + check;
            if (OrgNumber.isValid(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no Luhn check digit completes " + digits);
    }
}
