package org.rtmp4j.examples.api;

import java.util.List;

/**
 * One page of a list ({@code ?page=&itemsPerPage=}, pages counted from 0 as mediamtx counts them).
 * Values must be non-negative decimal integers without sign; {@code itemsPerPage} is 1 to
 * {@link #MAX_ITEMS_PER_PAGE}. There is no silent cap: anything else is a 400. A page past the end
 * is empty (still 200, with the totals). Immutable.
 *
 * @param page the page index, from 0
 * @param itemsPerPage items per page
 */
record Page(int page, int itemsPerPage) {
    /** Items per page when the query does not say. */
    static final int DEFAULT_ITEMS_PER_PAGE = 100;
    /** The largest {@code itemsPerPage} accepted; more is a 400. */
    static final int MAX_ITEMS_PER_PAGE = 1000;
    /** The longest value accepted for either parameter, in characters (guards against huge numbers). */
    private static final int MAX_DIGITS = 9;

    /**
     * @param query the raw query string without {@code ?}, or {@code ""}
     * @return the page asked for
     * @throws ApiRequestException 400 naming the parameter and the value when a value is not a
     *     non-negative integer, {@code itemsPerPage} is 0 or over the maximum, a parameter repeats or is unknown
     */
    static Page parse(String query) {
        Integer page = null;
        Integer items = null;
        if (!query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (name.equals("page")) {
                    if (page != null) {
                        throw new ApiRequestException(400, "page given twice");
                    }
                    page = number(name, value);
                } else if (name.equals("itemsPerPage")) {
                    if (items != null) {
                        throw new ApiRequestException(400, "itemsPerPage given twice");
                    }
                    items = number(name, value);
                    if (items == 0 || items > MAX_ITEMS_PER_PAGE) {
                        throw new ApiRequestException(400, "itemsPerPage must be 1.." + MAX_ITEMS_PER_PAGE + ": " + value);
                    }
                } else {
                    throw new ApiRequestException(400, "unknown query parameter '" + Paths.printable(name) + "'");
                }
            }
        }
        return new Page(page == null ? 0 : page, items == null ? DEFAULT_ITEMS_PER_PAGE : items);
    }

    private static int number(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiRequestException(400, name + " must be a non-negative integer"
                    + (value.length() > MAX_DIGITS && value.chars().allMatch(c -> c >= '0' && c <= '9')
                            ? " below 10^" + MAX_DIGITS : "") + ": '" + Paths.printable(value) + "'");
        }
        return Integer.parseInt(value);
    }

    /**
     * @param all every item, in order
     * @param <T> the item type
     * @return this page's items (empty past the end)
     */
    <T> List<T> of(List<T> all) {
        long from = (long) page * itemsPerPage;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + itemsPerPage));
    }

    /**
     * @param itemCount items in all
     * @return pages in all (0 for no items)
     */
    int pageCount(int itemCount) {
        return (int) ((itemCount + (long) itemsPerPage - 1) / itemsPerPage);
    }
}
