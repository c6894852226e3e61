package seatablemigrate.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.Edition;

/** Completion candidates as users type them: lower case (picocli would offer the enum constants' upper-case names). */
final class Candidates {
    private Candidates() {}

    static final class Editions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Edition.values()).map(Edition::id).iterator();
        }
    }

    static final class ComposeKinds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ComposePreference.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
