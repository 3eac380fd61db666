package dev.roster.imports;

/**
 * How many rows of an import have each outcome, and how many of the managers they name were linked.
 *
 * @param pending rows not processed yet
 * @param notProcessed rows left when the import was cancelled or failed
 * @param managersPending managers waiting for the second pass
 */
public record ImportCounts(
        int pending,
        int created,
        int invited,
        int alreadyMember,
        int failed,
        int notProcessed,
        int managersPending,
        int managersLinked,
        int managersFailed) {

    /** Rows with an outcome, and managers with one: what progress is counted in. */
    int done() {
        return created + invited + alreadyMember + failed + notProcessed + managersLinked + managersFailed;
    }

    /** Rows, and managers to link: the whole work of the import. */
    int work() {
        return done() + pending + managersPending;
    }
}
