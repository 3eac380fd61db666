package dev.roster.compat.flatfile;

import java.util.List;

/** Flatfile's list of users: one page of them and where it stands. */
record FlatfileUserPage(List<FlatfileUser> data, Pagination pagination) {

    /**
     * @param currentPage the page asked for, from 1
     * @param pageCount how many pages of this size the list has
     * @param totalCount how many users the list has
     */
    record Pagination(int currentPage, long pageCount, long totalCount) {}
}
