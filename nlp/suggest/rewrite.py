"""Say a flagged message again the healthy way, keeping what it is about.

Each pattern has its antidote (see the labelling guide): criticism becomes a
gentle start-up ("I feel ... when ... Could you ...?"), defensiveness takes a
share of the responsibility, stonewalling asks for a break with a time to come
back, and contempt names the speaker's own feeling and need. The behaviour is
taken from the message itself (``reading.Reader``), cleaned of absolutes,
character words and insults, and dropped into templates from
``resources/suggest/templates.json``.

Every method returns candidates, most specific first, each marked whether it
says something about this very message or is a generic fallback. The Advisor
keeps the first one the model itself no longer flags, so a clumsy specific
rewrite falls back to a plainer one instead of reaching the user, and prefers
any specific rewrite (of any flagged pattern) to a generic one.
"""

from __future__ import annotations

from typing import Sequence

from nlp.suggest.lexicon import Lexicon
from nlp.suggest.reading import Behaviour, Message, Reader, Word

Candidate = tuple[str, bool]  # (rewrite, specific to this message)


class Rewriter:
    def __init__(self, lexicon: Lexicon, reader: Reader):
        self.lexicon = lexicon
        self.reader = reader
        words, templates = lexicon.words, lexicon.templates
        self.templates = templates
        self.categories: dict[str, dict] = templates["categories"]
        self.absolute_phrases = _by_first_word(lexicon.phrases("absolute_phrases"))
        self.absolutes = frozenset(words["absolutes"])
        self.dropped = frozenset(words["dropped_words"])
        self.replacements: dict[str, list[tuple]] = {}
        for r in words["replacements"]:  # (words, replacement, makes the clause negative, only at its start)
            entry = (tuple(r["words"]), r["with"], r.get("negates", False), r.get("at_start", False))
            self.replacements.setdefault(r["words"][0], []).append(entry)
        self.trailing_drops = frozenset(words["trailing_drops"])
        self.quote_marks = frozenset(words["quote_marks"])
        self.when_words = frozenset(words["when_words"])
        self.max_words = words["max_behaviour_words"]
        self.min_letters = words["minimum_content_letters"]
        self.swaps: dict[str, str] = words["third_person_swaps"]
        self.light_verbs = frozenset(templates["light_verbs"])
        self.trait_prepositions = [tuple(p) for p in templates["trait_topic_lead_ins"]]
        self.topic_nouns = lexicon.category_of_topic
        self.possessives = frozenset(words["possessives_kept"])
        self.vague = frozenset(words["vague_topics"])
        self.object_pronouns = frozenset(words["object_pronouns"])
        self.fine_alone = frozenset(templates["verbs_fine_alone"])
        self.request_cut_words = frozenset(words["request_cut_words"])
        self.empty_objects = frozenset(words["vague_complements"]) | {""}
        self.soft_breaks = frozenset(words["soft_breaks"])
        self.request_replacements: dict[str, str] = words["request_replacements"]
        self.second_person = frozenset(words["subject_you"]) | frozenset(words["second_person_words"])

    # -- criticism -----------------------------------------------------------

    def criticism(self, message: Message, cue_ranges: Sequence[tuple[int, int]], cut_ranges) -> list[Candidate]:
        behaviours = message.behaviours
        ranked = sorted(
            enumerate(behaviours), key=lambda item: (-self._criticism_rank(item[1], cue_ranges, cut_ranges), item[0])
        )
        topic = self._topic(message)
        message_topic = topic[0] if topic else ""
        candidates = [(text, True) for _, b in ranked[:3] if (text := self._gentle_start_up(b, cut_ranges, message_topic))]
        if topic:
            category = self.topic_nouns.get(topic[1])
            criticism = self.templates["criticism"]
            feeling = self.categories[category]["feeling"] if category else criticism["default_feeling"]["present_negative"]
            opening = criticism["topic_opening"].format(feeling=feeling, topic=topic[0])
            candidates.append((_sentences(opening, criticism["topic_ask"]), True))
        trait = next((w.key for w in message.words if w.key in self.lexicon.category_of_trait), None)
        if trait:
            candidates.append((self._trait_text(trait, message_topic), True))
        candidates.append((self.templates["criticism"]["last_resort"], False))
        return candidates

    def _criticism_rank(self, b: Behaviour, cue_ranges, cut_ranges) -> int:
        """A clause that says what happened beats one a cue merely points at ("you always do this")."""
        pointed_at = any(start < b.end and b.start < end for start, end in cue_ranges)
        has_content = self._has_content(self._say(b.complement, b, cut_ranges)[0])
        return 2 * has_content + pointed_at

    def _gentle_start_up(self, b: Behaviour, cut_ranges, message_topic: str) -> str | None:
        complement, negates = self._say(b.complement, b, cut_ranges)
        if b.form == "action" and complement.strip() in self.empty_objects and b.head not in self.fine_alone:
            return None  # "you don't see.", "you do this": nothing a partner could act on
        negative = b.negative or negates
        tense = "past" if b.past else "present"
        if b.form == "trait":
            return self._trait_text(b.head, self._trait_topic(b) or message_topic)
        key = f"{tense}_negative" if negative else tense
        criticism = self.templates["criticism"]
        category = self._category(b)
        settings = self.categories.get(category, {})
        feeling = criticism["burden_feeling"] if b.form == "burden" else settings.get("feeling") or criticism["default_feeling"][key]
        frame = self.templates["frames"].get(b.head, {}).get(key, {}) if b.form == "action" else {}
        if b.complement and b.complement[0].key in self.when_words and b.form == "action":
            # "I feel X when you don't listen when I talk" reads better with "while" inside
            rest = complement.strip().partition(" ")[2]
            complement = f" {criticism['inner_when']} {rest}" if rest else ""
        if not complement and "complement_default" in frame:
            complement = frame["complement_default"]
        behaviour = self._behaviour_text(b, key, complement, frame)
        if behaviour is None:
            return None
        opening = criticism["opening"][tense].format(feeling=frame.get("feeling", feeling), behaviour=behaviour)
        ask = self._ask(b, key, complement, frame, settings)
        return _sentences(opening, ask)

    def _behaviour_text(self, b: Behaviour, key: str, complement: str, frame: dict) -> str | None:
        if "behaviour" in frame:
            framed = self._framed_behaviour(b, frame)
            if framed:
                return framed
        past = b.typed_past or self.lexicon.past_of_base.get(b.head)
        if b.form in ("action", "burden") and key == "past" and past is None:
            return None
        forms = self.templates["criticism"]["behaviour"][b.form]
        return forms[key].format(base=b.head, past=past, state=b.head, complement=complement)

    def _framed_behaviour(self, b: Behaviour, frame: dict) -> str | None:
        parts = self._frame_parts(b, frame)
        if parts is None:
            return None
        obj, place = parts
        category = next((self.topic_nouns[w] for w in obj.split() if w in self.topic_nouns), None)
        verbs = frame.get("object_verbs", {})
        return frame["behaviour"].format(
            object=obj, place=place, be="are" if _plural(obj) else "is", do=verbs.get(category or "", verbs.get("default"))
        )

    def _frame_parts(self, b: Behaviour, frame: dict) -> tuple[str, str] | None:
        """The thing and the place a frame talks about: 'your socks everywhere' -> ('socks', 'around')."""
        words = list(b.complement)
        place_starts = frame.get("place_starts", ())
        split = next((i for i, w in enumerate(words) if w.key in place_starts), len(words))
        object_words, place_words = words[:split], words[split:]
        while object_words and object_words[0].key in frame.get("object_strip", ()):
            object_words.pop(0)
        obj = self._say(object_words, b, ())[0].strip()
        if obj in self.object_pronouns:
            return None
        obj = obj or frame.get("object_default", "")
        if not obj:
            return None
        if obj.split()[0] in frame.get("object_prefix_words", ()):
            obj = f"everything {obj}"
        place = self._say(place_words, b, (), trim=False)[0].strip() or frame.get("place_default", "")
        return obj, place

    def _ask(self, b: Behaviour, key: str, complement: str, frame: dict, settings: dict) -> str:
        asks = self.templates["criticism"]["ask"]
        parts = self._frame_parts(b, frame) if "behaviour" in frame else None
        if "behaviour" in frame and parts is None:
            frame = {}
        it = "them" if parts and _plural(parts[0]) else "it"
        if frame.get("place_asks"):
            place = next((w.key for w in b.complement if w.key in frame["place_asks"]), None)
            if place:
                return frame["place_asks"][place].format(it=it)
        has_when = any(w.key in self.when_words for w in b.complement)
        time = f" {settings['time']}" if settings.get("time") and not has_when else ""
        if "ask" in frame:
            return frame["ask"].format(complement=complement, it=it, time=time)
        if b.form == "burden":
            return asks["burden"]
        if b.form == "state" and b.head.lower() in self.templates["state_asks"]:
            return self.templates["state_asks"][b.head.lower()]
        if key.endswith("negative") and b.form == "action":
            asked_for = _until(b.complement, self.request_cut_words)  # "until it suits you" is the complaint, not the ask
            request = self._say(asked_for, b, (), request=True)[0]
            return asks[key].format(base=b.head, complement=request, time=time)
        if key.startswith("past"):
            return asks["past"]
        return settings.get("ask", asks["default_present"]).format(it=it, topic="it")

    def _category(self, b: Behaviour) -> str | None:
        lexicon = self.lexicon
        topic = next((lexicon.category_of_topic[w.key] for w in b.complement if w.key in lexicon.category_of_topic), None)
        if b.form == "state":
            return lexicon.category_of_state.get(b.head.lower()) or topic
        verb = lexicon.category_of_verb.get(b.head)
        if b.head in self.light_verbs:
            return topic or verb
        return verb or topic

    def _trait_text(self, trait: str, topic: str) -> str:
        lexicon = self.lexicon
        category = lexicon.category_of_trait.get(trait) or lexicon.category_of_denied_virtue.get(trait) or "consideration"
        settings = self.categories[category]
        openings = self.templates["criticism"]["trait_opening"]
        if topic and topic.split()[0] not in self.vague:
            opening = openings["topic"].format(feeling=settings["feeling"], topic=topic)
            ask = settings["trait_ask"].format(topic=topic)
        else:
            opening = openings["plain"].format(feeling=settings["feeling"], trait_when=settings["trait_when"])
            ask = settings.get("trait_plain_ask", settings["ask"]).format(it="it")
        return _sentences(opening, ask)

    def _trait_topic(self, b: Behaviour) -> str:
        """'with money' / 'when it comes to homework' after a trait word -> 'money' / 'homework'."""
        keys = [w.key for w in b.complement]
        lead = next((p for p in self.trait_prepositions if tuple(keys[: len(p)]) == p), None)
        return self._say(b.complement[len(lead) :], b, ())[0].strip() if lead else ""

    # -- defensiveness ---------------------------------------------------------

    def defensiveness(self, message: Message, rule_ids: set[str], cut_ranges) -> list[Candidate]:
        templates = self.templates["defensiveness"]
        excuses = frozenset(templates["excuse_words"])
        candidates: list[Candidate] = []
        for b, intended in message.speaker_behaviours:
            complement = self._say(_until(b.complement, self.when_words), b, cut_ranges)[0]
            if intended:
                candidates.append((templates["intended_action"].format(base=b.head, complement=complement), True))
                continue
            if b.form == "trait":
                continue
            if b.past and b.negative and b.form == "action":
                past = b.typed_past or self.lexicon.past_of_base.get(b.head)
                if past:
                    clause = f"{past}{complement}"
                    denied = templates["denied_action"].format(clause=clause, promise=templates["denial_promise"])
                    candidates.append((denied, True))
            elif b.past and not b.negative and not (b.head.lower() in excuses or (b.typed_past or "") in excuses):
                clause = self._speaker_clause(b, complement)
                if clause:
                    own = templates["own_action"].format(clause=clause, promise=self._promise(b))
                    candidates.append((own, True))
        topic = self._topic(message)
        about = f" about {topic[0]}" if topic else ""
        if rule_ids & set(templates["minimising_rules"]):
            candidates.append((templates["minimising"].format(about_topic=about), True))
        if rule_ids & set(templates["victim_rules"]):
            candidates.append((templates["victim"].format(about_topic=about), True))
        what = templates["topic_frame"].format(topic=topic[0]) if topic else templates["topic_default"]
        candidates.append((templates["general"].format(topic=what), bool(topic)))
        return candidates

    def _speaker_clause(self, b: Behaviour, complement: str) -> str | None:
        if b.form == "state":
            return f"was {b.head}{complement}"
        past = b.typed_past or self.lexicon.past_of_base.get(b.head)
        return f"{past}{complement}" if past else None

    def _promise(self, b: Behaviour) -> str:
        templates = self.templates["defensiveness"]
        if b.form == "state" and b.head.lower() in templates["state_promises"]:
            return templates["state_promises"][b.head.lower()]
        category = self._category(b)
        return self.categories[category]["promise"] if category else templates["default_promise"]

    # -- contempt --------------------------------------------------------------

    def contempt(self, message: Message, cut_ranges) -> list[Candidate]:
        templates = self.templates["contempt"]
        if not any(w.key in self.second_person for w in message.words):
            return []  # mockery of someone else: no behaviour of the partner to talk about
        candidates = []
        for b in message.behaviours:
            if b.form not in ("action", "state") or not (b.negative and b.past):
                continue  # only a plain report ("you didn't even text"), not a sarcastic "you can't even ..."
            complement, _ = self._say(b.complement, b, cut_ranges)
            behaviour = self._behaviour_text(b, "past_negative", complement, {})
            if behaviour and self._has_content(behaviour.split(" ", 2)[-1]):
                settings = self.categories.get(self._category(b) or "", {})
                need = settings.get("need", templates["default_need"])
                text = templates["with_behaviour"].format(feeling=templates["default_feeling"], behaviour=behaviour, need=need)
                candidates.append((text, True))
        topic = self._topic(message)
        if topic:
            category = self.topic_nouns.get(topic[1])
            need = self.categories[category]["need"] if category else templates["default_need"]
            text = templates["with_topic"].format(feeling=templates["default_feeling"], topic=topic[0], need=need)
            candidates.append((text, True))
        return candidates

    # -- stonewalling ----------------------------------------------------------

    def stonewalling(self, message: Message) -> list[Candidate]:
        templates = self.templates["stonewalling"]
        candidates: list[Candidate] = []
        if any(w.key in templates["bedtime_words"] for w in message.words):
            candidates.append((templates["bedtime"], True))
        topic = self._talk_topic(message)
        if topic:
            candidates.append((templates["topic"].format(topic=topic), True))
        return candidates + [(templates["default"], False)]

    def pause_sentence(self) -> str:
        return self.templates["stonewalling"]["appended"]

    def _talk_topic(self, message: Message) -> str | None:
        templates = self.templates["stonewalling"]
        for sentence in message.sentences:
            for i, word in enumerate(sentence):
                if word.key not in templates["topic_verbs"]:
                    continue
                rest = list(self.reader.complement(sentence, i + 1))
                text = self._say(rest[: templates["max_topic_words"]], None, ())[0].strip()
                if self._has_content(text):
                    return text
        return None

    # -- shared ----------------------------------------------------------------

    def _topic(self, message: Message) -> tuple[str, str] | None:
        """The first everyday noun the message is about, with its determiner: ('the dishes', 'dishes')."""
        for sentence in message.sentences:
            for i, word in enumerate(sentence):
                if word.key in self.topic_nouns and word.key not in self.templates["not_topics_alone"]:
                    before = sentence[i - 1].key if i else ""
                    determiner = sentence[i - 1].display if before in self.possessives else "the"
                    return f"{determiner} {word.display}", word.key
        return None

    def _say(
        self, words: Sequence[Word], b: Behaviour | None, cut_ranges, request: bool = False, trim: bool = True
    ) -> tuple[str, bool]:
        """Words written back without absolutes, fillers, quotes or insults; and whether 'nothing' turned it negative.

        A ``request`` asks for something to happen, so "anything" becomes "something".
        ``trim`` drops dangling function words at the end; a place like "on" (the
        lights are left on) is kept whole.
        """
        swap = dict(self.swaps) if b is not None and b.speaks_of_them else {}
        if request:
            swap.update(self.request_replacements)
        keys = [w.key for w in words]
        pieces: list[tuple[str, bool]] = []
        negates = False
        i = 0
        while i < len(words):
            word = words[i]
            if any(start <= word.start < end for start, end in cut_ranges):
                break
            phrase = next((p for p in self.absolute_phrases.get(keys[i], ()) if tuple(keys[i : i + len(p)]) == p), None)
            if phrase:
                i += len(phrase)
                continue
            replacement = next(
                (
                    r
                    for r in self.replacements.get(keys[i], ())
                    if tuple(keys[i : i + len(r[0])]) == r[0] and (i == 0 or not r[3])
                ),
                None,
            )
            if replacement:
                pieces.append((swap.get(replacement[1], replacement[1]), False))
                negates = negates or replacement[2]
                i += len(replacement[0])
                continue
            key = word.key
            if key in self.lexicon.category_of_trait:
                break  # "how selfish that was": the rest hangs on a character word
            if not (key in self.dropped or key in self.absolutes or key in self.quote_marks or word.display in self.quote_marks):
                pieces.append((swap.get(key, word.display), word.attached and bool(pieces)))
            i += 1
        if len(pieces) > self.max_words:
            pieces = pieces[: self.max_words]
            soft = [i for i, (text, _) in enumerate(pieces) if i and text in self.soft_breaks]
            pieces = pieces[: soft[-1]] if soft else pieces
        while trim and pieces and pieces[-1][0].lower() in self.trailing_drops:
            pieces.pop()
        return "".join(text if attached else f" {text}" for text, attached in pieces), negates

    def _has_content(self, text: str) -> bool:
        return any(len(w) >= self.min_letters and w.lower() not in self.trailing_drops for w in text.split())


def _until(words: tuple[Word, ...], stop_words) -> tuple[Word, ...]:
    end = next((i for i, w in enumerate(words) if w.key in stop_words), len(words))
    return words[:end]


def _by_first_word(phrases: list[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return index


def _plural(noun_phrase: str) -> bool:
    last = noun_phrase.split()[-1]
    return last.endswith("s") and not last.endswith("ss")


def _sentences(*parts: str) -> str:
    return " ".join(part[:1].upper() + part[1:] for part in parts if part)
