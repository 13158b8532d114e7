package dev.postline.connectors.gmail;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link UnitBudget} per mailbox address, shared by all sessions of this factory. */
final class QuotaBudgets {

    /** Gmail's per-user limit (developers.google.com/gmail/api/reference/quota). */
    static final int GMAIL_UNITS_PER_USER_PER_MINUTE = 15_000;

    private final int unitsPerMinute;
    private final Map<String, UnitBudget> budgets = new ConcurrentHashMap<>();

    QuotaBudgets(int unitsPerMinute) {
        if (unitsPerMinute < 100) {
            throw new IllegalArgumentException("a budget below 100 units a minute could never send (messages.send costs 100)");
        }
        this.unitsPerMinute = unitsPerMinute;
    }

    UnitBudget forMailbox(String address, Clock clock) {
        return budgets.computeIfAbsent(address, a -> new UnitBudget(unitsPerMinute, clock));
    }
}
