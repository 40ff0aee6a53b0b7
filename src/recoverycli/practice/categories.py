"""What the coach says about each kind of wording it flags: a title, why it hurts, a better
way to say it (generic: never tied to one scenario) and the source it follows, with the
quiz's example phrases. The patterns that find them are in :mod:`.rules`; these texts are
the part a trainee reads, kept apart so they can be reviewed against the sources alone."""

from __future__ import annotations

from typing import NamedTuple

BELL = ('Chip R. Bell, "How to Turn an \u201cOops\u201d Into an Opportunity" '
        "(HEAL)")
BELL_P = 'Chip R. Bell and John R. Patterson, "Un-break My Heart"'
HYKEN = 'Shep Hyken, "Service Recovery: Love Means Never Having to Say You\'re Sorry"'
SAXENA = 'Anil Saxena, "The Recovery: Winning Customers Over After You Screw Up"'
OURS = "Our reading, not the source's advice; drawn from "

# Which categories the sources themselves warn against (the coach flags them on the
# sources' word) and which are our reading of them. The docs and the README list both.
FROM_SOURCES = ("plural-apology", "telling-feelings", "cold-transfer", "bad-mouthing",
                "blame-third-party")


class Text(NamedTuple):
    title: str
    why: str
    better: str
    source: str


TEXTS: dict[str, Text] = {
    "plural-apology": Text(
        "plural or corporate apology",
        "An apology from \"we\" or the company sounds as if nobody in particular is sorry. "
        "Bell asks for the apology in the first person singular; in his words, "
        "\u201cI\u2019m sorry\u201d means \u201cI care.\u201d",
        "\"I'm sorry - I sent you the wrong size.\"",
        BELL + " (Humility)"),
    "hollow-inconvenience": Text(
        'hollow "inconvenience"',
        "(Our reading.) \"Any inconvenience\" is a stock phrase; it can tell the customer "
        "you have not heard what the failure cost them. Naming what went wrong and what it "
        "cost does the work the stock phrase skips.",
        "\"I'm sorry - you waited in all afternoon and the parcel never came.\"",
        OURS + BELL_P + " (repairing the feeling as well as the problem); "
        "no source mentions the word \"inconvenience\""),
    "non-apology": Text(
        "non-apology",
        "(Our reading.) \"Sorry if...\" and \"sorry you feel...\" apologise for their "
        "reaction rather than for the failure, and \"sorry, but...\" takes the apology "
        "back: each hands the problem back to them. Apologise for what went wrong.",
        "\"I'm sorry we lost your booking.\"",
        OURS + BELL + " (Humility) and " + HYKEN + ' (strategy 1, "apologize for the '
        'problem")'),
    "excuse": Text(
        "an excuse",
        "(Our reading.) A busy week, short staff, a new colleague or a broken till explains "
        "why it happened from your side; the customer hears a reason it is not your "
        "problem. Saxena's point is that the customer wants the problem solved, not a "
        "culprit.",
        "\"I'm sorry - I'll have the right one with you by four today.\"",
        OURS + SAXENA + " (step 5)"),
    "blame-third-party": Text(
        "blaming a third party",
        "Pointing at a colleague, a team, a shift or a supplier - even in the passive voice "
        "- leaves the customer with nobody who owns the problem. Saxena's step 5 is "
        "\"Don't throw anyone under the bus\".",
        "\"We got that wrong, and I'm putting it right now.\"",
        SAXENA + " (step 5) and " + HYKEN + ' (strategy 1, "you represent your company")'),
    "blame-customer": Text(
        "blaming the customer",
        "(Our reading.) Telling customers what they did wrong, true or not, turns a "
        "recovery into an argument. Hyken's point applies: \"It may not be your fault, but "
        "at this time, you represent your company.\"",
        "\"Let's put this right together - I'll change the date for you now.\"",
        OURS + HYKEN + " (strategy 1) and " + SAXENA + " (step 5)"),
    "policy": Text(
        "hiding behind policy",
        "(Our reading.) \"Policy\", \"rules\" and \"not allowed\" tell the customer the "
        "organisation comes first. Say what you can do, or go and get the exception.",
        "\"Here's what I can do for you today.\"",
        OURS + HYKEN + " (strategy 1) and " + SAXENA + " (letting staff correct errors)"),
    "telling-feelings": Text(
        "telling the customer how to feel",
        "\"Calm down\" or \"it's not a big deal\" judges their feelings instead of showing "
        "you understand them. Bell: \"Whether you like or disagree with the customer's view "
        "is not the point. The goal is to give evidence you understand.\"",
        "\"I can hear how frustrating this has been.\"",
        BELL + " (Empathy)"),
    "cold-transfer": Text(
        'cold transfer or "not my job"',
        "Passing the customer on, or saying it is not your job, makes them start again with "
        "someone new. Hyken's strategy 3 says \"do not simply transfer\": bring the "
        "colleague in, explain the problem to them yourself, and check back afterwards.",
        "\"I'm bringing Sam from accounts into the call, and I'll stay on while we sort it.\"",
        HYKEN + " (strategy 3, then 7)"),
    "hand-back": Text(
        "handing the work back to the customer",
        "(Our reading.) Forms to fill, numbers to ring and companies to chase turn your "
        "problem back into theirs. Do the legwork yourself and say when you will be back "
        "in touch.",
        "\"I'll contact the supplier myself and call you back by three.\"",
        OURS + HYKEN + " (strategies 4 and 7: fix it, then follow up) and Tom Borg, "
        "\"How to Recover From the Mistakes You Make with Your Customer\" (\"you're going "
        "to correct those mistakes\")"),
    "as-i-said": Text(
        '"as I said"',
        "(Our reading.) \"As I said\" tells the customer they were not listening. If they "
        "ask again, say it again in other words, without the reproach.",
        "\"Let me put that another way: it leaves the warehouse tomorrow.\"",
        OURS + BELL + " (Empathy)"),
    "bad-mouthing": Text(
        "bad-mouthing the organisation or its staff",
        "Bell warns against it by name: running down your own organisation or colleagues "
        "(his example: \"I wouldn't eat here either if I didn't work here\") leaves the "
        "customer less confident, not more.",
        "\"That's not the standard we hold ourselves to, and I'll put it right.\"",
        BELL + " (Empathy: \"this doesn't mean bad mouthing the organization\")"),
}

# One or two phrases of each kind, for the quiz's "which is better?" questions.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "plural-apology": ("We apologise for the error.", "The management regrets the delay."),
    "hollow-inconvenience": ("Sorry for any inconvenience caused.",),
    "non-apology": ("I'm sorry you feel let down.", "Sorry if that upset you."),
    "excuse": ("Sorry, we've been flat out all week.", "The till was down, so it got missed."),
    "blame-third-party": ("The courier lost it, not us.", "It was mislaid by the warehouse."),
    "blame-customer": ("You should have checked the date.",),
    "policy": ("That's company policy, I'm afraid.", "I'm not allowed to do that."),
    "telling-feelings": ("Please calm down.", "It's not a big deal."),
    "cold-transfer": ("That's not my department.", "I'll just put you through."),
    "hand-back": ("You'll need to ring the supplier yourself.",),
    "as-i-said": ("As I said, it's on its way.",),
    "bad-mouthing": ("Honestly, this place is a shambles.",),
}

