package dev.roster.organization;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the seats taken and given back by organizations without a limit (each a row of its own, V58) into their
 * counters every few seconds, so that reading a count adds up only a few rows. Nodes take turns: the one that holds
 * the fold's advisory lock folds, the others find nothing to do.
 */
@Component
class SeatChangeFolding {

    private final JdbcOrganizationRepository organizations;

    SeatChangeFolding(JdbcOrganizationRepository organizations) {
        this.organizations = organizations;
    }

    @Scheduled(fixedDelayString = "${roster.seats.fold-interval:PT5S}")
    void fold() {
        organizations.foldSeatChanges();
    }
}
