package dev.roster.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook event types grouped by the object they are about (user, invitation, role...), for an endpoint's
 * checkboxes.
 */
record EventArea(String label, List<Choice> choices) {

    record Choice(String type, boolean checked) {}

    static List<EventArea> of(List<String> types, Collection<String> checked) {
        Map<String, List<Choice>> areas = new LinkedHashMap<>();
        for (String type : types) {
            String object = type.substring(0, type.indexOf('.'));
            areas.computeIfAbsent(object, key -> new ArrayList<>()).add(new Choice(type, checked.contains(type)));
        }
        List<EventArea> result = new ArrayList<>();
        areas.forEach((object, choices) -> result.add(new EventArea(label(object), choices)));
        return result;
    }

    private static String label(String object) {
        String words = object.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " events";
    }
}
