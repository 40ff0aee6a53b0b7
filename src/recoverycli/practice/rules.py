"""The coach's built-in rules: one category per kind of wording the sources warn against,
each with why, a better way to say it (generic: never tied to one scenario) and the source.

Patterns are written over word classes and lemmas (see ``patterns`` for the syntax), never
over whole phrases; ``unless`` patterns, matched in the same sentence (or in the whole
text for ``text_unless``), stop a category's findings there: an exception offered, a fix
promised, a colleague brought into the call. They were tuned on the train part of
tests/data/coach_phrases.yaml only.
"""

from __future__ import annotations

from typing import NamedTuple

BELL = 'Chip R. Bell, "HEAL" (Humility, Empathy)'
BELL_P = 'Chip R. Bell and John R. Patterson, "Un-break My Heart"'
HYKEN = "Shep Hyken, seven service recovery strategies"
SAXENA = 'Anil Saxena, "Don\'t throw anyone under the bus"'
OURS = "our reading of "


class Category(NamedTuple):
    id: str
    title: str
    why: str
    better: str
    source: str
    patterns: tuple[str, ...]
    unless: tuple[str, ...] = ()
    text_unless: tuple[str, ...] = ()


# Shared escapes: the speaker goes on to fix it themselves ("..., so I've booked you first").
FIX = "i|we ~not|never|no? ~not|never|no? ~not|never|no? @remedy"
FIX_AFTER = "but|so|and|, " + FIX
# An excuse that only explains an action taken for the customer ("it's our busiest season,
# so I've booked you first"; "since it's a holiday, I've sent it by express").
BECAUSE_FIX = ("so|, i|we ~not? ~not? ~not? @remedy",
               "so|, let me ...3 @remedy|check|double-check",
               "since|as|because ..8 i|we have|will|am|are ~not? ...1 @remedy")
OWNED = ("on us", "our|my fault|mistake|responsibility|error", "be ours|mine",
         "take responsibility", "our job")
# Up to four words that are not a clause mark and not "I": "we [are very] sorry".
NOT_I = "~i|,|and|but|so?"
GAP3 = f"{NOT_I} {NOT_I} {NOT_I} {NOT_I}"

CATEGORIES: tuple[Category, ...] = (
    Category(
        "plural-apology", "plural or corporate apology",
        "An apology from \"we\" or the company sounds like nobody in particular is sorry. "
        "Say it in the first person singular: \"I'm sorry\" means \"I care\", and does not "
        "say you caused it.",
        "\"I'm sorry\" - then name what went wrong.",
        BELL,
        (f"we {GAP3} @apology",
         f"^ the|our|this|all? @org here? {GAP3} @apology",
         "^ the|our|this|all? @org ...2 would|wish|want|like|must ..5 its|their|our ...1 "
         "apology|apologies",
         "our sincere|deepest|humble? apology|apologies",
         "^ the|our|this|all ...2 ~i|you =apologizes|=regrets",
         "accept our ...2 apology|apologies",
         "@apology ,? from all|everyone|the|us ...2 us|team|here|company",
         "on behalf of ..6 @apology"),
    ),
    Category(
        "hollow-inconvenience", 'hollow "inconvenience"',
        "\"Any inconvenience\" is the stock phrase that tells them you have not heard what "
        "it cost them. Name what went wrong and what it cost: repair the feeling, not only "
        "the problem.",
        "\"I'm sorry\" + what happened + what it cost them (\"...and you lost your "
        "afternoon waiting\").",
        BELL_P,
        ("@apology|excuse ..8 any ...1 @hollow",
         "@apology|excuse ..8 inconvenience|inconvenienced",
         "@apology ...3 for|about the|this|that @hollow $",
         "@apology ...3 for|about the|this|that @hollow caused",
         "@apology ...3 for|about the|this|that @hollow this|that|it|you ...3 cause|experience"),
    ),
    Category(
        "non-apology", "non-apology",
        "\"Sorry if...\" and \"sorry you feel...\" apologise for their reaction, not for what "
        "went wrong, and put the problem back on them. Apologise for the problem itself.",
        "\"I'm sorry we [what went wrong].\"",
        OURS + BELL + " (Humility) and " + HYKEN + ' ("apologize for the problem")',
        ("@apology if",
         "^ if ..8 , ...3 @apology",
         "^ if ..8 i|we am|are|be|do? very|really|so|truly? @apology $",
         "@apology that? you|it ~to? @perceive",
         "@apology that? you be|feel so|very|really? @feeling_adj",
         "@apology that? you be|feel not happy|satisfied|pleased|impressed|content",
         "@apology ..4 impression",
         "@apology for how you",
         "@apology that? you had|have ...2 bad|poor|negative|unpleasant experience|time|visit|stay",
         "@apology that? you took|take it",
         "mistake|error be|have been? make"),
        unless=("@apology if i am", "@apology if i be"),
    ),
    Category(
        "excuse", "an excuse",
        "Workload, staffing, a new colleague, the computer or the time of year explain why it "
        "happened to you, not to them - and \"it happens\" tells them it does not matter. "
        "Customers don't care whose fault it is; they care that it gets fixed.",
        "Skip the reason; say what you are doing about it and when.",
        OURS + SAXENA,
        (f"we|i|it|things|everything|everyone|everybody|team|staff|place|we|shop {GAP3}"
         " @busy",
         "@apology ,? very|so|really|bit|too|mad|a? @busy",
         "@busy at|right|this|today|tonight the? moment|now|week|morning|weekend|today",
         "be|been|get flat out|off|under",
         "rush|rushed|run off our|my feet",
         "he|she|they|#name ...3 not know|understand|realize ...3 system|process|procedure|how|"
         "policy|menu|rules",
         "@system ...3 be|was|were|been having|had ...1 issue|issues|problem|problems|trouble|"
         "glitches|bugs",
         "@season be|was ...2 terrible|bad|awful|heavy|horrendous|mad|crazy|murder",
         "normal|usual|standard|common|expected ..4 time of year|this time",
         "delay|delays|late ..6 time of year",
         "slip through the cracks|net",
         "not enough of us|staff|people|hands|bodies",
         "skeleton crew|staff|team|service",
         "back to back",
         "back-to-back",
         "workload|volume|demand|queue|backlog ...4 ridiculous|huge|crazy|insane|high|heavy|"
         "massive|mad|enormous|unreal",
         "someone|somebody|person|one new ...6 not|never|@fault",
         "first week|day|shift|month for ...3 staff|team|people|half|everyone",
         "it be the|our|a? ...1 @season ...4 so|slow|behind|busy|delay|delays|everything",
         "i only|just started|joined ...3 week|day|days|month|yesterday|monday|ago",
         "still finding my|our feet",
         "still learning the ropes",
         "technical|tech|computer|system issue|issues|problem|problems|difficulties|glitch|"
         "glitches|fault|faults",
         "nobody be perfect",
         "only human",
         "short staffed|handed",
         "short of staff|people|hands",
         "staff|people|team|everyone|half|colleague|colleagues ...4 off|sick|away|leave|flu|"
         "ill|holiday",
         "only have|got? #any people|staff|of us on|in|working|today|tonight",
         "cover|covering ...2 desk|desks|shift|shifts|job|jobs|people",
         "so|too|very many|much ...1 order|orders|call|calls|customer|customers|email|emails|"
         "ticket|tickets|booking|bookings|complaint|complaints",
         "hundred|hundreds|loads|lots|ton|tons|queue|backlog|pile|dozens|stack of? order|orders|"
         "call|calls|customer|customers|email|emails|ticket|tickets|people|work",
         "he|she|they|#name|@third ...3 be still? new|junior|learning|@newcomer",
         "be still|only? in training",
         "his|her|their|#name 's? first week|day|shift|month",
         "new guy|girl|lad|hire|starter|recruit|employee|clerk|member|boy|person|one|staff|"
         "colleague|waiter|waitress|temp ...6 @fault_alone|not|never|@wrong|confused|mistake|"
         "realize|know",
         "@newcomer ...6 @fault|not|never|@wrong|confused|mistake|realize",
         "@system ...4 be|been|keep|go|have|has|keep|went|got|is ...3 @breakdown",
         "@system @breakdown",
         "glitch|outage|crash|bug|fault|error|breakdown with|in|on our|the ...2 @system",
         "@system ...3 will|would|could|do|did not let|allow me|us",
         "@system ...4 @fault_alone",
         "auto-cancelled|auto-canceled",
         "it be the|our ...2 @season",
         "@season be always like",
         "off the hook",
         "there be only ...1 me|one|two|person|people ...2 on|here|working|in",
         "only me on|here|working",
         "lose|lost ...3 staff|member|members|colleagues|people",
         "he|she|they|#name be a|an|only|just ...1 @newcomer",
         "@system ...2 be|was|were|been updating|upgrading|migrating",
         "@system ...3 down for maintenance",
         "@system ...4 not|stopped working|work|load|loading|respond|responding|connect",
         "only|just been here|there|working ...3 day|days|week|weeks|month|months|five|two|few|"
         "minute|minutes",
         "it =happens to everyone|everybody|the",
         "@season ...3 cause|causes|mean|means|bring|brings|slow ...2 delay|delays|backlog",
         "that be what =happens on|at|during|in|with",
         "storm|weather|snow|rain|flood|strike|strikes ...4 behind|delay|late|slow",
         "expect delay|delays",
         "these|those thing =happen",
         "things|stuff|thing|mistakes|errors|accidents|glitches|delays|problems ...3 "
         "=happen|=happens",
         "^ ...1 it|stuff|shit|accidents|mistakes|mistake|that|these just? =happens|=happen",
         "^ =happens|=happen $",
         "one of those days|things",
         "nobody be|'s fault"),
        unless=(*BECAUSE_FIX, "you|your|ur ...1 @busy", "@busy ...2 for you",
                "but|so|and|, i|we ..6 make sure", "the app|site|system|website ..3 you|me",
                "=happen|=happens again", "never|not ...1 =happen|=happens"),
    ),
    Category(
        "blame-third-party", "blaming a third party",
        "Pointing at a colleague, a team, a shift, a supplier or a carrier - even in the "
        "passive voice - tells the customer nobody owns the problem. Don't throw anyone under "
        "the bus: to the customer, you are the company.",
        "\"We got that wrong, and here is what I'm doing about it.\"",
        SAXENA + " and " + HYKEN + ' ("you represent your company")',
        ("^ the|our|your|my|a|that|this|these? ...2 @third|#name ...6 @fault_alone",
         "^ the|that|this|these|those ...2 ~i|we|you @agent_fault",
         "@third|#name ..8 even though|if|after|when we|i|you ...1 told|asked|said|warned",
         "@third|#name ...5 not|never|fail ...1 ~to",
         "@third|#name ...5 and did|does|has|had|have|would|could|was not|never",
         "@third|#name ...3 let us|me|you down",
         "@third|#name ...5 @fault ...4 @wrong|mistake|up",
         "@third|#name ...5 @fault ...4 someone|somebody|another|elsewhere|away",
         "be|get|been ...1 @fault|@fault_alone ..6 by ~mistake|first ...2 @third|#name",
         "@third|#name ...3 's? fault|blame",
         "@third|#name ...3 be to blame",
         "@third|#name be responsible|responsibility for",
         "blame the|our|my|their ...1 @third|#name",
         "their fault|problem",
         "@third|#name ...3 mark|marked|marks ...2 as delivered|complete|completed|received",
         "out of our|my hands",
         "@third|#name|person ...6 should|=should've have|not",
         "@third|#name ...4 =gave|=given ...3 to a|an|another|the|your",
         "on them $",
         "@third|#name|they ...3 drop|dropped the ball",
         "it be the|our|that|this|my ...3 @third|#name who|that",
         "@third|#name ...2 must|might|may have ...1 #pp",
         "#name 's mistake|fault|error",
         "~our|my|your|i|we|you 's mistake|fault|error",
         "not me|us|ours $"),
        unless=(*OWNED, "our ...2 @third ..10 and|so|but|, " + FIX, "i|we am|are|have|will "
                "~not? ...1 speak|talk|ask|escalate|bring|chase",
                "@third ...2 be|will|have|are|is @fixverb"),
    ),
    Category(
        "blame-customer", "blaming the customer",
        "Telling customers what they did wrong - even when it is true - turns a recovery into "
        "an argument. It may not be your fault either, but you represent the company: own "
        "the fix and make the next step easy for them.",
        "\"Let's put this right together - here is what I'll do.\"",
        OURS + HYKEN + " and " + SAXENA,
        ("you should|must|ought|=should've to? have|of @customer_act",
         "you just|even|simply|clearly|obviously? do|did|have|had not|never ...1 "
         "@customer_act",
         "you never|forgot|forget|fail|failed ...1 @customer_act",
         "you do|did not pay",
         "you @customer_act ...4 @wrong|incorrectly",
         "you have|had|just ...1 @customer_act ...4 @wrong|incorrectly",
         "~not your fault|responsibility|mistake|error",
         "on|at your end|side|part",
         "user error",
         "if you had|'d @customer_act|been|listen|listened|read",
         "you be the one",
         "you|customer|customers be supposed|meant|expected to",
         "next time ,? read|check|double-check|make|remember|try|please|be",
         "you be|were|was|have|had been? =told|warned|informed|advised|reminded|notified",
         "you should know|realize",
         "you agree ...1 to this|the|our",
         "did you even",
         "you @customer_act ...6 yourself $",
         "be ...2 #pp ...1 @wrong? by you",
         "your password|details|address|card|number|email ...2 be|was wrong|incorrect|invalid|"
         "expired",
         "you @customer_act ..10 that be why",
         "you @customer_act the cheapest|cheaper|slowest",
         "you ...2 need to have @customer_act",
         "because you ...2 not|never",
         "that be because|why you"),
        unless=("not do anything wrong", "nothing wrong", "you be not"),
    ),
    Category(
        "policy", "hiding behind policy",
        "\"Policy\", \"rules\" and \"not allowed\" tell the customer the organisation matters "
        "more than they do. Say what you *can* do, or get the exception.",
        "\"Here's what I can do for you...\"",
        OURS + HYKEN + " (own the problem: you represent the company)",
        ("that|it|this|those|these be ...2 @policy $",
         "that|it|this|those|these be ...2 @policy i|sorry|unfortunately|afraid",
         "@policy be @policy",
         "office|company|management|head @policy",
         "@policy ...5 not|no|must|only|can|cannot",
         "against ...2 @policy",
         "per|under our|the|company ...2 @policy",
         "as per ...3 @policy",
         "strict ...2 @policy",
         "no-refund|no-return|no-returns|no-exchange @policy",
         "@policy be ...2 clear|explicit|final",
         "not our|company|the? @policy",
         "outside ...3 @policy",
         "only follow ...2 @policy",
         "not in the @policy",
         "@policy be there for",
         "@policy you agree|agreed|signed|accepted",
         "not ...3 allowed|permitted|authorized|authorised",
         "not|never ...1 make|give|do ...1 exception|exceptions",
         "hand|hands be tied",
         "do it|that|this for everyone|everybody",
         "@authority ...2 will|would|do|did not let|allow",
         "not override",
         "that|this|it be just? how we do things"),
        unless=(FIX_AFTER, "not allowed|permitted to let this|that|it", "no @policy against",
                "change ...2 @policy"),
    ),
    Category(
        "telling-feelings", "telling the customer how to feel",
        "\"Calm down\" or \"it's not a big deal\" judges their feelings instead of showing you "
        "understand them. Whether you agree with their view is not the point: give evidence "
        "that you understand it.",
        "\"I can hear how frustrating this has been.\"",
        BELL + " (Empathy)",
        ("calm|settle down|yourself",
         "try to stay|keep|remain calm",
         "^ please|just|now|look|okay|sir|so|very? relax|chill $",
         "^ please|just|now|look|okay|sir|so|very? relax|chill ,|okay|please|it|sir|madam",
         "take a deep breath",
         "cheer up",
         "not panic",
         "stop worry|worrying|shout|shouting|complain|complaining|moan",
         "keep your voice down",
         "=be patient|reasonable|calm",
         "not be|get so|very|too? @emotion|personal|dramatic",
         "not worry very|too|that much",
         "big|bigger deal than",
         "make|making ...3 deal|fuss of|out|than",
         "not shout|yell|swear|scream",
         "no need to worry|panic $",
         "try not to get|be|worry",
         "@emotion|shout|shouting|yelling ...1 will|does|do|is not help|helping",
         "knickers in a twist",
         "make|making a drama|scene",
         "take that|this tone",
         "not need to get|be very|so? @emotion",
         "no need for ...2 attitude|tone|language|behaviour|behavior",
         "lower|keep your voice",
         "hardly the end",
         "not ...2 big ...2 deal",
         "it be nothing to worry|panic",
         "not take it personally",
         "no|nothing need|reason ...3 @emotion|shout|tone|fuss|panic|cry",
         "nothing to be @emotion",
         "not a|that? big deal",
         "not the end of the world",
         "it be only|just a|an|one|two|five|ten|few|twenty",
         "could be worse",
         "not worth ...2 @emotion",
         "over nothing",
         "make|making a fuss",
         "worked up",
         "you be being? a? bit? overreacting|overreact|dramatic|hysterical|unreasonable|silly",
         "you should not be so|very|that? @emotion",
         "not see|understand why you be so|very? @emotion",
         "everyone|everybody else be fine|happy|okay",
         "you will feel better"),
        unless=("one of those",),
    ),
    Category(
        "cold-transfer", 'cold transfer or "not my job"',
        "Passing the customer on - or saying it's not your job - makes them start again with "
        "someone new. Don't simply transfer: bring the other person into the conversation, "
        "explain the problem yourself, and follow up afterwards.",
        "\"I'll bring [colleague] into the call and stay with you while we sort it.\"",
        HYKEN + " (strategy 3: \"do not simply transfer\")",
        ("not my|our job|department|area|problem|responsibility|thing|remit|role|concern",
         "nothing to do with me",
         "above my pay grade",
         "i just|only work here",
         "i be just|only the|a|an|covering|here|temp|answering",
         "not something i|we deal|handle|do|cover|can",
         "i do not usually? handle|deal|do|cover",
         "i only do|handle|deal|cover",
         "@transfer you|u",
         "get you ...1 to someone|@internal",
         "you ...3 need|have|'d|will|must|should ...2 to? call|ring|speak|talk|contact|email|"
         "try|phone|write|go ...3 @internal|another|other|different",
         "^ please|just|so|try? =call|=ring|=speak|=talk|=contact|=email|=try|=phone|=write ...3 "
         "@internal|another|other|different",
         "need|try|call|ring another|other|different number|line|team|department",
         "the main|central|general|other number|line|switchboard|office",
         "come to the wrong",
         "you have|be|got|called|rang|come|reached ...2 the wrong @internal|place|person|number",
         "i only|just work in|on|for|with",
         "i be not the right? person|one|team|department",
         "i be not trained|qualified to",
         "i|we can only help|deal|do|handle|take",
         "question|one|matter|job|thing for the|our ...2 @internal",
         "take that|it|this up with ...2 @internal",
         "@internal|another|other 's problem|issue|job|thing|area",
         "not mine $",
         "try|ask|call someone|somebody else",
         "get someone|somebody else",
         "pop you|u through|over|across",
         "not ...1 my|our side|bit|end",
         "they|@internal deal with that|this|those|it $",
         "^ =ask at|the ...2 @internal",
         "someone|somebody else will|would|'ll|can|need|must|has|have",
         "nobody here",
         "someone|somebody else who",
         "another|other ...2 problem|issue|job",
         "not handled|dealt ...1 by|with my|our|this ...1 team|department|office",
         "forward|pass|send ...3 to another|other|different",
         "forward|pass|send ...3 to the other"),
        unless=("@transfer you|u the|their|a|an|your|my|our|copy|details|reply",
                "=call|=ring|=phone|=email|=text me"),
        text_unless=("stay|staying|introduce|join|joining|myself|personally", "check back",
                     "i will call|ring|phone|check|follow", "has|have your notes|details",
                     "already explain|told", "explain|explained everything",
                     "on the line|call", "with you"),
    ),
    Category(
        "hand-back", "handing the work back to the customer",
        "Forms to fill, numbers to ring and companies to chase turn your problem back into "
        "theirs. Do the legwork yourself and tell them when you'll come back to them.",
        "\"I'll contact them myself and call you back by [time].\"",
        HYKEN + " (strategies 4 and 7: fix it, then circle back) and "
        'Tom Borg ("correct the mistake")',
        ("you will|would|just|really|also|'d? =need|=have|must|should|can|could|=got to? just? "
         "@task|follow|sort|reach",
         "wait for them|someone|it|him|her to",
         "take that|it|this up with the|your ...1 @external",
         "^ please|just? =pop|=put|=stick it|them ...2 post|mail|box",
         "you =need|=have|must|should|can|could|will ...2 @task|track|arrange|sort|book|"
         "organize|reset|update|change ...3 yourself",
         "you ...4 arrange|book|get|pay|find|organize ...2 your own",
         "=need|=have|must|should to get in touch",
         "get a|another|new ...2 number|reference|form|ticket",
         "could|can|would you|u please? @task",
         "up to you to",
         "for you to @task|raise|follow|reach",
         "suggest|recommend|advise you ...1 @task|raise|reach",
         "better off ...1 @task|raise",
         "what you ...2 need|have to do",
         "^ please|pls|just|simply|so|then|kindly? %task|=reinstall|=submit|=try|=contact|=send|"
         "=fill|=download|=log|=reach|=resubmit ~on|ahead|through|you|u|him|her|them|back",
         "^ please|just? =take it|this|that up",
         "^ please|just? =drop|=shoot|=fire us|me ...2 email|line|message|note",
         "=call|=ring|=email|=contact us again"),
        unless=("for you", "on your behalf", "myself", "you|u not", "=call|=ring|=text|=email "
                "me", "you can call me", "all you need to do", "let me", "shall i",
                "i|we will|can|would|could|shall|have|am ..15 ,|and %task",
                "you|u ...2 not|never", "< =check in|out"),
    ),
    Category(
        "as-i-said", '"as I said"',
        "\"As I said\" tells the customer they weren't listening. If they ask again, you "
        "weren't clear enough: say it again, differently, without the reproach.",
        "Say it again, in other words: \"Let me put that another way...\"",
        OURS + BELL + " (Empathy)",
        ("as|like i|we|my ...3 @said",
         "as previously|already @said",
         "as @said ,|previously|before|earlier|already",
         "as @said in|on my|our",
         "as @said you|it|the|we|this|that|your",
         "as per my|our last|previous",
         "i ...2 already|keep ...1 @said|tell ...1 you|this|that|it",
         "i keep @said|saying|telling|repeating",
         "i have|had @said this|that|it ...2 already|twice|before|times",
         "i already|have|had =told you",
         "i =told you that|so|before|already|twice|last|earlier|yesterday|this|it",
         "i did say|tell|explain this|that|it",
         "i =said this|that|it",
         "i =explained|=said|=told|=mentioned this|that|it yesterday|earlier|before|already|last",
         "how many times",
         "for the second|third|fourth|fifth|hundredth|last time ,",
         "i literally|just|only ...1 =told|said|explained you|that|this|it",
         "one more time",
         "repeat what i",
         "^ once? again , ~i|thank|thanks|sorry|my|apology|apologies|so|very",
         "< again ~i|thank|thanks|sorry|my|apology|apologies|so|very|,|for|we",
         "^ once again ~i|thank|thanks|sorry|my|apology|apologies|so|very|,|for|we"),
        unless=("as i @said i would", "as @said in|by your|you"),
    ),
    Category(
        "bad-mouthing", "bad-mouthing the organisation or its staff",
        "Running down your own organisation or colleagues (\"I wouldn't eat here either if I "
        "didn't work here\") leaves the customer with less confidence, not more.",
        "Speak for the organisation: \"That's not the standard we hold ourselves to, and I'll "
        "put it right.\"",
        BELL + " (Empathy: \"this doesn't mean bad mouthing the organization\")",
        ("@disparage_target|office|#name ..6 ~not @disparage",
         "@disparage_target|office ...3 fall|falling|gone|go apart|downhill",
         "@disparage_target|office ...3 not|never|only care|listen",
         "@disparage_target|office|charge|here ...3 not have|got a|any clue|idea",
         "i would not recommend|trust|use|buy ...1 us|here|this|it",
         "nobody here =cares|care|listens|bothers|knows",
         "i would not ..4 either",
         "i would not ...1 ~be ...2 here|there",
         "i would be? ...1 somewhere|elsewhere else?",
         "i would ...1 shop|look around|elsewhere",
         "hate this|the|my ...1 company|place|job",
         "embarrassed to work",
         "@disparage_target|whole|here ...3 badly|poorly run|managed|organized|organised",
         "look|looking for another job",
         "look|looking for a new job",
         "go|gone|going|went down the drain|pan|hill",
         "embarrassed|ashamed by|of how|this|the|our",
         "@disparage_target|boss ...2 could not organize|run|manage ...1 a|an",
         "@disparage ...2 place|company to work",
         "not get me started",
         "no idea what they",
         "nobody ...6 clue|idea|know what",
         "to save his|her|their life",
         "never do|get anything right",
         "can not ...2 a box|thing|straight",
         "always ...1 mess|messing|screw|screwing|muck|mucking",
         "not pay us enough"),
        unless=("i would not ..4 if i were you", "you|your ...2 @disparage"),
    ),
)

BY_ID = {c.id: c for c in CATEGORIES}

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
