"""What language a phrase is in, as far as the coach needs to know: English, or not.

The coach's rules and model read English only (issue 23). A phrase in Spanish passed
through them comes out clean, which says nothing; so the coach first asks this module, and
a phrase that reads as another language is said to be so, in one line, instead of passed.

The test is small and read from the text, never from ``--lang``: letters only other
languages use (ñ, ¿, ¡, ß, ã, ç, accented vowels), and the common short words each
language is made of, counted against English's own. Ties and short phrases with no telling
word are English: the coach would rather check a phrase than wave it through unchecked.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)

def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Common words of each language that are not also common English words (no "a", "no",
# "me", "he", "son", "come", "die", "pour"): articles, pronouns, prepositions and the
# words of a service call.
WORDS: dict[str, frozenset[str]] = {
    "en": _set("""the and to you your i i'm it's is are was were of for that this we
        with on be have has had will would can could sorry apologize please thank thanks
        what when how there they them my our not don't didn't it just"""),
    "es": _set("""el la los las que de y en por para con una un es está están usted
        ustedes lo le les su sus muy gracias pero como del al se sí siento lamento nuestro nuestra
        disculpe disculpa perdón problema pedido ya hoy también porque cuando nos mi
        estoy este esta esto eso ese fue ha hemos señor señora hola vamos puedo puede
        quiero tiene tengo"""),
    "fr": _set("""le les des est et vous nous je une un du au aux avec pour pas
        merci désolé excusez voici voilà notre nos très mais cette ce sont êtes avez votre vos"""),
    "de": _set("""der das und ist nicht sie wir ich ein eine mit für auf es tut mir
        leid danke bitte ihr ihre haben sind"""),
    "pt": _set("""o os que de e em para com uma um é está você vocês obrigado
        obrigada desculpe não muito mas seu sua pedido nós estamos pelo pela ao às
        lamentamos sentimos atraso encomenda senhor senhora"""),
    "it": _set("""il gli di che è per non grazie molto ma questo questa sono siamo
        abbiamo ordine scusi scusate scusa dispiace ci della dello degli nel sul signora
        signore buongiorno mi ci ho hai ha"""),
    "nl": _set("""het een van ik je jij niet dat op voor met zijn spijt bedankt dank
        alstublieft uw onze ons heeft hebben bestelling excuses meneer mevrouw wij
        graag helaas maar ook"""),
}
# Greetings and titles: said to a customer by name in any language
ADDRESS = _set("""hola señor señora señorita don doña monsieur madame herr frau senhor senhora
    signora signore buongiorno meneer mevrouw""")
# (é is French's as much as Spanish's, á Portuguese's: a French line with its é's read as
# Spanish)
LETTERS: dict[str, str] = {"es": "ñ¿¡áéíóú", "fr": "àâçèéêëîïôùû", "de": "äöüß",
                           "pt": "ãõâêôçáéíóú", "it": "àèéìòù", "nl": "ë"}
NAMES = {"es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese",
         "it": "Italian", "nl": "Dutch"}


_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _common in WORDS.items():
    for _word in _common:
        _LANGS_OF[_word] = (*_LANGS_OF.get(_word, ()), _lang)


class Reading(NamedTuple):
    lang: str  # es, fr, de, pt; "other" for a script English is not written in
    name: str  # Spanish, ...


# Letters of scripts English is never written in: a phrase mostly in them is another
# language, whichever it is ("Извините, это политика компании" passed as clean: a red team).
_SCRIPTS = ("CYRILLIC", "ARABIC", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "DEVANAGARI",
            "GREEK", "HEBREW", "THAI", "BENGALI", "TAMIL", "GEORGIAN", "ARMENIAN")


def _other_script(text: str) -> bool:
    import unicodedata

    letters = [char for char in text if char.isalpha()]
    other = sum(1 for char in letters
                if unicodedata.name(char, "").startswith(_SCRIPTS))
    return bool(letters) and other * 2 > len(letters)


def reads_as(text: str) -> Reading | None:
    """The language ``text`` reads as when it is plainly not English, else None."""
    if not text.isascii() and _other_script(text):
        return Reading("other", "another language")
    lowered = text.lower()
    words = _WORD.findall(lowered)
    if not words:
        return None
    scores = dict.fromkeys(WORDS, 0.0)
    for word in words:  # (one lookup a word: this runs on every phrase checked)
        for lang in _LANGS_OF.get(word, ()):
            scores[lang] += 0.5 if word in ADDRESS else 1
    # a name's letters say nothing of the language around it ("Hola Señora García, calm
    # down..." read as Spanish and went unchecked: a red team): letters count in words
    # written in lower case, and a greeting or a title counts half
    if not text.isascii():
        plain = "".join(w for w in _WORD.findall(text) if not w[:1].isupper()).lower()
        plain += "".join(char for char in text if not char.isalpha())
        for lang, letters in LETTERS.items():
            scores[lang] += 1.5 * sum(1 for char in plain if char in letters)
    best = max((lang for lang in scores if lang != "en"), key=lambda lang: scores[lang])
    if scores[best] >= 2 and scores[best] > 1.5 * scores["en"] and not _english_after_all(
            words, WORDS[best]):
        return Reading(best, NAMES[best])
    # a short line with a telling word of another language and not one word of English's
    # own ("Fue nuestro error.", "Voici le plan.") is that language too: checked as English
    # it came out clean, and practice scored it as a list of words (a red team)
    # (one two-letter word is not telling: "ok la" is Hong Kong English)
    telling = [word for word in words if word in WORDS[best]]
    if len(words) <= 5 and not scores["en"] and not any(word in ENGLISH for word in words) \
            and (len(telling) >= 2 or any(len(word) >= 3 for word in telling)):
        return Reading(best, NAMES[best])
    return None


# Words of a service call that only English has: with the common words above, a phrase
# mostly made of them is English, whatever greeting or closing comes with it ("Merci
# beaucoup, bonne journée, as per policy we cannot refund." went unchecked: a red team).
ENGLISH = _set("""as per at by from if any about an here now today will should which who
    been being did does do get got cannot can't won't we're you're we've i've we'll i'll
    isn't wasn't doesn't refund order delivery call email policy inconvenience apologise
    apologize apologies pick wrong date again back only very sure right away fix sort
    send sent booked booking charge charged card account manager team help sir madam
    calm down wait waiting parcel late problem issue fault mistake nothing something
    because so but or all one two three ok okay day days week tomorrow yesterday""")


def _english_after_all(words: list[str], theirs: frozenset[str]) -> bool:
    """Half the words or more, and four at least, are English's own."""
    english = sum(1 for word in words if (word in WORDS["en"] or word in ENGLISH)
                  and word not in theirs)
    return english >= 4 and english * 2 >= len(words)


def note(reading: Reading) -> str:
    """The one line the coach says instead of a verdict."""
    from recoverycli.i18n import _, language_name

    return _("Reads as {language}: the coach reads English only, so not checked.").format(
        language=language_name(reading.lang))
