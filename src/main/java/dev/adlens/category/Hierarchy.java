package dev.adlens.category;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A taxonomy's tree by category position (file order): each category's parent (-1 at the top), tier, children, the
 * top-level categories, and the two walks the engine makes — children before parents (evidence rises to the subtree)
 * and parents before children (probability and selection flow down). Immutable.
 */
final class Hierarchy {
    private final int[] parent;
    private final int[] tier;
    private final int[][] children;
    private final int[] roots;
    private final int[] deepestFirst;
    private final int[] parentsFirst;

    Hierarchy(List<Category> categories) {
        int n = categories.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(categories.get(i).id(), i);
        }
        parent = new int[n];
        tier = new int[n];
        List<List<Integer>> kids = new ArrayList<>();
        List<Integer> top = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            kids.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            String p = categories.get(i).parent();
            parent[i] = p == null ? -1 : index.get(p);
            if (parent[i] < 0) {
                top.add(i);
            } else {
                kids.get(parent[i]).add(i);
            }
        }
        for (int i = 0; i < n; i++) {
            int t = 1;
            for (int p = parent[i]; p >= 0; p = parent[p]) {
                t++;
            }
            tier[i] = t;
        }
        children = kids.stream().map(k -> k.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        roots = top.stream().mapToInt(Integer::intValue).toArray();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> tier[i]).reversed()); // stable: file order within a tier
        deepestFirst = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        parentsFirst = new int[n];
        for (int i = 0; i < n; i++) {
            parentsFirst[i] = deepestFirst[n - 1 - i];
        }
    }

    /** Category {@code i}'s parent, -1 for a top-level one. */
    int parent(int i) {
        return parent[i];
    }

    int tier(int i) {
        return tier[i];
    }

    int[] children(int i) {
        return children[i];
    }

    int[] roots() {
        return roots;
    }

    /** Every category, deepest tiers first (children before their parents). */
    int[] deepestFirst() {
        return deepestFirst;
    }

    /** Every category, parents before their children (the reverse of {@link #deepestFirst}). */
    int[] parentsFirst() {
        return parentsFirst;
    }

    /** Category {@code i} and its siblings: the top-level categories, or its parent's children. */
    int[] siblingsOf(int i) {
        return parent[i] < 0 ? roots : children[parent[i]];
    }
}
