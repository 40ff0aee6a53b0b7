"""What the coach says about each kind of wording it flags: a title, why it hurts, a better
way to say it (generic: never tied to one scenario) and the source it follows, with the
quiz's example phrases. The patterns that find them are in :mod:`.rules`; these texts are
the part a trainee reads, kept apart so they can be reviewed against the sources alone."""

from __future__ import annotations

from typing import NamedTuple

BELL = 'Chip R. Bell, "HEAL" (Humility, Empathy)'
BELL_P = 'Chip R. Bell and John R. Patterson, "Un-break My Heart"'
HYKEN = "Shep Hyken, seven service recovery strategies"
SAXENA = 'Anil Saxena, "Don\'t throw anyone under the bus"'
OURS = "our reading of "


class Text(NamedTuple):
    title: str
    why: str
    better: str
    source: str


TEXTS: dict[str, Text] = {
    "plural-apology": Text(
        "plural or corporate apology",
        "An apology from \"we\" or the company sounds like nobody in particular is sorry. "
        "Say it in the first person singular: \"I'm sorry\" means \"I care\", and does not "
        "say you caused it.",
        "\"I'm sorry\" - then name what went wrong.",
        BELL),
    "hollow-inconvenience": Text(
        'hollow "inconvenience"',
        "\"Any inconvenience\" is the stock phrase that tells them you have not heard what "
        "it cost them. Name what went wrong and what it cost: repair the feeling, not only "
        "the problem.",
        "\"I'm sorry\" + what happened + what it cost them (\"...and you lost your "
        "afternoon waiting\").",
        BELL_P),
    "non-apology": Text(
        "non-apology",
        "\"Sorry if...\" and \"sorry you feel...\" apologise for their reaction, not for what "
        "went wrong, and put the problem back on them. Apologise for the problem itself.",
        "\"I'm sorry we [what went wrong].\"",
        OURS + BELL + " (Humility) and " + HYKEN + ' ("apologize for the problem")'),
    "excuse": Text(
        "an excuse",
        "Workload, staffing, a new colleague, the computer or the time of year explain why it "
        "happened to you, not to them - and \"it happens\" tells them it does not matter. "
        "Customers don't care whose fault it is; they care that it gets fixed.",
        "Skip the reason; say what you are doing about it and when.",
        OURS + SAXENA),
    "blame-third-party": Text(
        "blaming a third party",
        "Pointing at a colleague, a team, a shift, a supplier or a carrier - even in the "
        "passive voice - tells the customer nobody owns the problem. Don't throw anyone under "
        "the bus: to the customer, you are the company.",
        "\"We got that wrong, and here is what I'm doing about it.\"",
        SAXENA + " and " + HYKEN + ' ("you represent your company")'),
    "blame-customer": Text(
        "blaming the customer",
        "Telling customers what they did wrong - even when it is true - turns a recovery into "
        "an argument. It may not be your fault either, but you represent the company: own "
        "the fix and make the next step easy for them.",
        "\"Let's put this right together - here is what I'll do.\"",
        OURS + HYKEN + " and " + SAXENA),
    "policy": Text(
        "hiding behind policy",
        "\"Policy\", \"rules\" and \"not allowed\" tell the customer the organisation matters "
        "more than they do. Say what you *can* do, or get the exception.",
        "\"Here's what I can do for you...\"",
        OURS + HYKEN + " (own the problem: you represent the company)"),
    "telling-feelings": Text(
        "telling the customer how to feel",
        "\"Calm down\" or \"it's not a big deal\" judges their feelings instead of showing you "
        "understand them. Whether you agree with their view is not the point: give evidence "
        "that you understand it.",
        "\"I can hear how frustrating this has been.\"",
        BELL + " (Empathy)"),
    "cold-transfer": Text(
        'cold transfer or "not my job"',
        "Passing the customer on - or saying it's not your job - makes them start again with "
        "someone new. Don't simply transfer: bring the other person into the conversation, "
        "explain the problem yourself, and follow up afterwards.",
        "\"I'll bring [colleague] into the call and stay with you while we sort it.\"",
        HYKEN + " (strategy 3: \"do not simply transfer\")"),
    "hand-back": Text(
        "handing the work back to the customer",
        "Forms to fill, numbers to ring and companies to chase turn your problem back into "
        "theirs. Do the legwork yourself and tell them when you'll come back to them.",
        "\"I'll contact them myself and call you back by [time].\"",
        HYKEN + " (strategies 4 and 7: fix it, then circle back) and "
        'Tom Borg ("correct the mistake")'),
    "as-i-said": Text(
        '"as I said"',
        "\"As I said\" tells the customer they weren't listening. If they ask again, you "
        "weren't clear enough: say it again, differently, without the reproach.",
        "Say it again, in other words: \"Let me put that another way...\"",
        OURS + BELL + " (Empathy)"),
    "bad-mouthing": Text(
        "bad-mouthing the organisation or its staff",
        "Running down your own organisation or colleagues (\"I wouldn't eat here either if I "
        "didn't work here\") leaves the customer with less confidence, not more.",
        "Speak for the organisation: \"That's not the standard we hold ourselves to, and I'll "
        "put it right.\"",
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

