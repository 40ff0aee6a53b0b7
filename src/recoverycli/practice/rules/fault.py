"""Whose fault it is: an excuse, blame on someone else, blame on the customer."""

from __future__ import annotations

from .common import BECAUSE_FIX, FIX, GAP3, OWNED, Category, _category

CATEGORIES: tuple[Category, ...] = (
    _category(
        "excuse",
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
         # "we're two people down today", "we're a cook down", "two staff short" (a red team)
         "we be|'re|are ...1 one|two|three|four|a|#num ...1 people|staff|person|servers|cooks|"
         "cook|chef|waiter|waitress|hands|agents ...1 down|short",
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
         # "the new girl did it": a newcomer named as the doer is the excuse of a newcomer
         "new guy|girl|lad|hire|starter|recruit|boy|kid|temp|waiter|waitress ...1 did|done it|"
         "this|that",
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
         "nobody be|'s fault",
         "@third|@org|@internal be|was|were|been|get|got ...2 @busy",
         "he|she|they|#name|who|@third|@newcomer|i ...4 only|just started|joined ...3 week|day|"
         "days|month|yesterday|monday|tuesday|wednesday|thursday|friday|ago|today",
         "one-off|freak|random ...2 glitch|blip|hiccup|error|bug",
         "one off ...1 glitch|blip|hiccup|error|bug",
         "just a|an glitch|blip|hiccup",
         "there be|was|were|'s|has|had been? ...1 a? lot|much|loads|lots going on",
         "we|i have|had|'ve|'d had? ...1 a? lot|much|loads|lots going on",
         "we|i|team|everyone|everybody be|are|am|'re ...2 behind|stretched|backed $",
         "we|i|team|everyone|everybody be|are|am|'re ...2 behind|stretched|backed on|with|up|thin",
         "up to our|my eyes|ears|necks|eyeballs",
         "one thing after another",
         "still getting used to|settling|bedding",
         "since|after|during|with|because of? the|our|a ...1 @system? update|upgrade|migration|"
         "changeover|switchover",
         "off with covid|flu|sickness|illness|stress|a",
         "isolating",
         # owning it, then taking it back: "we take full responsibility, but to be fair
         # the auto-lock is notorious for it"
         "but ,? to be fair|honest ..8 notorious|known|always|often|happen|happens|common|"
         "everyone|everybody|nobody",
         "but ,? in fairness|fairness",
         # the formal register (sixth round): "errors of this kind are to be expected",
         # "not uncommon", "reduced staff", "an entirely automated process", "a demanding
         # period", "our transition to a new billing platform", "considerable turnover"
         "be to be expected", "be not uncommon|unusual ..4 ~i|we",
         "be ...1 inevitable", "bound to happen", "par for the course",
         "reduced|limited|minimal|skeletal staff|staffing|crew|team",
         "entirely|fully|completely|purely automated|automatic",
         "automatically ...2 by the|our ...1 @system", "@system ...3 on its own",
         "always ...2 demanding|busy|hectic|difficult|heavy|stretched period|time|season|month",
         "volume of calls|work|requests|enquiries|inquiries|tickets|claims|accounts|"
         "correspondence|patients",
         "i handle|manage|cover|have ...3 hundred|hundreds|dozens|#num ...1 accounts|calls|cases|"
         "customers|tickets|patients|claims",
         "transition|migration|switch|move|changeover to a|the|our new ...2 @system|platform|"
         "software", "period|time of ...1 turnover|restructuring|reorganisation|reorganization",
         "complex|complicated process ..6 uncommon|inevitable|expected",
         # a red team: "owing to exceptional seasonal volumes", "due to staffing constraints",
         # "as a result of high call volumes"
         "owing|due to ...4 volume|volumes|demand|constraints|shortages|shortage|pressures|"
         "absence|absences|sickness|levels|capacity",
         "as a result|consequence of ...4 volume|volumes|demand|constraints|shortages|"
         "shortage|pressures|absence|absences|sickness|capacity",
         "staffing|staff|resource|resourcing|capacity constraints|shortages|shortage|issues|"
         "pressures|levels|challenges",
         "exceptional|unprecedented|seasonal|increased|unusually|extremely ...2 high? "
         "volume|volumes|demand"),
        unless=(*BECAUSE_FIX, "you|your|ur ...1 @busy", "@busy ...2 for you",
                "but|so|and|, i|we ..6 make sure", "the app|site|system|website ..3 you|me",
                "=happen|=happens again", "never|not ...1 =happen|=happens",
                "on the line|call", "no excuse", "hide behind", "@busy but ..8 should|our|i|we"),
    ),
    _category(
        "blame-third-party",
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
         # "the error originated with the bank", "the problem lies with the courier" (a red
         # team, after owning words and "however")
         "error|mistake|problem|fault|issue|delay ...2 originated|originates|lies|lay|rests|"
         "sits|began|started with|at ...1 @third|@external|#name",
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
         "not me|us|ours $",
         "@third|#name ...2 be the one|ones who|that",
         "not us|me ,? it|that be|was",
         "@third|#name ...2 could|can|did not ...1 find|reach|deliver|access|locate|get",
         "@third|#name ...3 say|said|claim|claimed they|he|she|it ...2 tried|attempted|delivered|"
         "left",
         # more shapes from writers never fitted on (issue 20)
         "on|at their|his|her end|side|part", "@third|#name 's end|side|part",
         "their mistake|error|doing|department|responsibility|issue|lookout",
         "that|it be|'s|is|lies with them|him|her $", "lies|lie with them|him|her",
         "a matter for them|him|her", "rather than us|ourselves|me|myself",
         "not by us|me|ourselves", "not our|my ...1 fault|doing|mistake|error",
         "@third|#name ...3 be|'s|is|are|'re useless|hopeless|the problem|the issue",
         "@third|#name ...1 be|'s|is|are|'re the one|ones",
         "it be|was|'s them|him|her you|u should",
         "=caused|down|due|owing to|by ...3 @third|#name ..3 not us|me|ourselves",
         "@third|#name ...4 =lost|=broke|=delayed|=cancelled|=misplaced|=stuffed|=messed|"
         "=mixed|=double-charged|=blocked|=denied|=shipped|=sent|=booked|=charged|=gave "
         "...4 wrong|twice|again|up|it|your",
         # the formal register (sixth round): "the coding department assigned the incorrect
         # code, which is why...", "the root of the problem", "slow to process"
         "@third|#name ..10 which be why|how ~i|we", "root of the|your problem|issue",
         "@third|#name ...4 be|was|were slow|late to", "misplaced|lost|mislaid in|by the ...1 "
         "@third|mailroom|post|courier|bank"),
        # owning is weighed by the engine (which hears it taken back by a later "but": "that's
        # my mistake, but the courier lost it"), not escaped here (a red team, issue 20)
        unless=("our ...2 @third ..10 and|so|but|, " + FIX, "i|we am|are|have|will "
                "~not? ...1 speak|talk|ask|escalate|bring|chase",
                "i|we will|am|are ~not? personally|myself? follow|check|make|call|ring|contact|"
                "sort",
                "@third ...2 be|will|have|are|is @fixverb"),
    ),
    _category(
        "blame-customer",
        ("you should|must|ought|=should've to? have|of @customer_act",
         "you just|even|simply|clearly|obviously|probably|possibly|maybe|must? do|did|have|had "
         "not|never ...1 "
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
         # "you were told", "you have been warned" - not "you've told me" (the customer
         # told us: a trainee's "I know you've told me this already" was read as blame)
         "you be|were|was =told|warned|informed|advised|reminded|notified",
         "you have|had been =told|warned|informed|advised|reminded|notified",
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
         "that be because|why you",
         "you|u =ignored|=disregarded|=overlooked|=misread|=misunderstood|=skipped|=misspelled",
         # more shapes from writers never fitted on (issue 20)
         "you|u probably|prob|possibly|must|might|may ...1 have|'ve|'d|of? just? =missed|=left|"
         "=put|=gave|=given|=ordered|=typed|=entered|=forgot|=ignored|=selected|=chose|=turned|"
         "=switched|=clicked|=pressed",
         "you|u didnt|didn't|dint|havent|haven't|hadn't|hadnt ...1 @customer_act|verify|turn|"
         "restart|confirm|top|back|switch|enable|reply|respond|show|arrive|register",
         "clearly|plainly say|says|said|state|states|stated|mention|mentions|mentioned|show|"
         "shows|showed|shown|tell|tells|told|explain|explains|explained|printed|displayed|"
         "marked|showed",
         "it|that|this does|did say|state|mention|tell|show", "it|that tells you|u on|in",
         "be right there in|on the|your",
         "most|other ...2 people|customers|guests|passengers|users|clients|patients|folks|"
         "members ...2 know|remember|read|bring|check|back|understand|follow|manage",
         "people|folks|customers|guests|users|patients who read|follow|check|remember",
         "you|u ...1 should|=should've|ought ...1 to? have|of? seen|checked|read|known|rung|"
         "called|come|arrived|kept|brought|booked|asked|told|noticed|listened",
         "if you|u had|'d ~not|been #pp", "if you|u hadn't|had not|hadnt #pp",
         "because|cos|cuz|coz|'cause you|u ...1 =froze|=left|=put|=chose|=selected|=forgot|"
         "=missed|=turned|=entered|=typed|=gave|=ordered|=booked|=clicked|=cancelled|=ignored",
         "=done|=made|=cancelled|=placed from|by your account|end|side",
         "something you|u did|done|changed|pressed|clicked|touched",
         "you|u went|go|gone|came|come|turned|sat|got on|got off ...3 @wrong",
         "you|u =missed|=miss the|our ...1 deadline|reminder|reminders|cutoff|cut-off|window",
         "you|u get|got it|that|them|those|your ...1 wrong|incorrect",
         "next time double check",
         "onus be on you|the customer|customers",
         "your own fault|doing|problem|lookout",
         "that|this be your problem|lookout|look-out $",
         "not our fault ...2 you",
         "you|u should|must|=should've have|of been clearer|more|careful|on",
         "not how you|u use|do|set|fill|install",
         "you|u should|must|ought|=should've to? have|of known|realized|listened|noticed|seen",
         "read the small|fine print",
         "had you|u read|called|checked|told|listened|asked",
         "did you|u not|even read|check|look|see|notice",
         "why did|would|have|had you|u not|never",
         "left it ...1 too late|last minute",
         "it|this|that be? clearly|plainly say|says|state|states|stated|written|explained|shown|"
         "marked|printed",
         # the document said so: "it says right there on your receipt", "in black and white"
         "in black and white",
         "spell|spells|spelled|spelt it|that|this|everything out",
         "say|says|said|state|states|stated it? right there",
         "be clearly|plainly|explicitly|specifically given|mentioned|stated|shown|listed|"
         "displayed|written|printed|explained",
         "it|this|that be all? written|mentioned|stated|printed|listed|explained in|on the|your",
         "it|this|that be all in|on the|your",
         # others manage: "everybody else manages", "nobody else complained"
         "everyone|everybody|nobody|anyone else ...6 manage|manages|managed|fine|able|"
         "complain|complained|heard|saw|seen|trouble|problem|problems|issue|issues",
         "no one|one else ...6 complain|complained|trouble|problem|problems|issue|issues",
         "other|most customers|guests|passengers|people|folks|users|clients|members|callers|"
         "patients|travellers|travelers ...6 manage|manages|managed|able|aware|fine|without",
         "most customers|guests|passengers|people|folks|users|clients ...3 not have|had any? "
         "trouble|problem|problems|issue|issues",
         # a red team, after owning words: "most guests keep a spare key, mind", "to be fair
         # you did leave them with the valet", "you left the keys in, which didn't help",
         # "fair enough, your loss"
         "most|many|other customers|guests|passengers|people|folks|users|clients keep|carry|"
         "check|read|remember",
         "to be fair ,? you|u did|had|should",
         "you|u ..8 which|that do|does|did not|n't help", "your|ur loss",
         "nine|9 times out of ten|10",
         # it is what happens when people do that
         "that|this be what happen|happens when|if",
         "this|it happen|happens when|if customers|guests|people|someone|you|u|passengers|users",
         "usually|normally|generally|mostly ...2 because someone|you|u|the customer|customers",
         # had you done it, it would not have happened
         "if you|u had|'d|=you'd|=u'd ...2 #pp ..8 could|would|=couldve|=wouldve|=could've|"
         "=would've|wouldn't|couldn't",
         "had you|u #pp",
         "you|u would|'d have been =told|warned|informed|advised|notified",
         "be the|a passenger|passengers|customer|customers|guest|guests|client|member|user|"
         "caller|patient|traveller|traveler 's|' responsibility|job|duty",
         "did you|u maybe|really|actually|perhaps|definitely ...2 drop|follow|read|check|try|"
         "unplug|change|forget|press|break|touch|move|open|charge|type|enter|save|back",
         "only work with what you|u give|gave|send|sent|provide|provided",
         "you|u @customer_act ..10 which be why",
         # the formal register (sixth round): "our records indicate that you were informed",
         # "the portal does display the due date quite prominently", "your voicemail did not
         # include an account number", "other patients have generally kept copies"
         "records|file|notes|system ...1 indicate|indicates|show|shows|state|states that you|u",
         "do|does =display|=say|=state|=show|=explain|=mention|=list ...4 clearly|prominently|"
         "plainly|explicitly",
         "your ...3 did|does|do not include|contain|give|state|mention",
         "other|most ...3 have|had generally|usually|normally|always",
         "it be|was|'s your responsibility|job|duty", "you|u be|were not home|in|available|there",
         "nobody|noone told|asked you|u to", "no one told|asked you|u to",
         # what the customer sent or did, said to be the cause without "you should have":
         # "your selfie was blurry", "the form was left blank", "you arrived very late",
         # "the card told you to check in at the kiosk", "had the right number been given"
         "your ...3 be|was|were ...1 blurry|incomplete|unsigned|illegible|expired|invalid|"
         "incorrect|blank|empty|insufficient|unreadable",
         "left blank|empty|incomplete|unsigned|unattended",
         "you|u =arrived|=came|=turned|=showed|=called|=rang|=phoned|=checked ...2 late|"
         "after|early|without",
         "the|your card|email|text|letter|sign|message|website|bill|receipt|confirmation|"
         "booklet|terms|video|form|app|instructions|leaflet|manual ...3 told|asked|tells|asks "
         "you|u to", "walks|walked|takes|took you|u through every|each|all",
         "if|had the|your ...3 had? been #pp|given|provided|entered|serviced|locked|checked "
         "..8 would|wouldn't|=would've|probably|not",
         "you|u =went|=opted for the cheapest|cheaper|basic|lowest|slowest",
         "not sure how you|u ...2 missed|managed|got|did|broke|lost",
         "your own ...2 usage|use|settings|device|router|equipment|doing|extra",
         "with respect ,? if|you|u|your",
         # seventh round (writers w31-w33, briefed for more of this category): the
         # customer's own things named as the cause, duties, "you needed to", people who
         # manage, the page that says so, and what a little care would have saved
         "your ...3 be|was|were|had|'s|is|got ...2 expired|outdated|bounced|declined|"
         "switched|unplugged|ancient", "your ...3 be|was|is|'s ...1 out of date",
         "your ...3 be|was|is|'s ...1 too old",
         "you|u needed to", "you|u were|was supposed to",
         "most|other|normal|normally ...2 people|customers|users|guests|passengers ...2 "
         "find|notice|spot|see|manage|remember",
         "people|customers|users|guests|passengers who ...3 know|knows|remember|read",
         "hard|difficult|impossible to miss",
         "spell|spells|spelled|spelt ...1 out in|on",
         "it be all there $", "do|does not lie",
         "the|your|our terms|notes|page|email|form|guide|site|website|conditions|description|"
         "listing|contract|instructions|manual|pack|letter|receipt|details|faq ...2 do|does|did "
         "say|mention|state|explain|tell|show|note",
         "=triggered|=requested|=initiated|=authorised|=authorized|=signed ...2 from|by|at "
         "your account|end|side|address",
         "you|u only ...1 =started|=called|=rang|=contacted|=reported|=told|=messaged|=emailed "
         "..6 after|later|once",
         "only =reported|=raised|=flagged ...3 later|after",
         "care|attention|checking|check from your|ur side|end",
         "a|some quick|little|simple look|check|glance|read|care|attention ..8 would|'d|"
         "=would've|could|=could've ...1 saved|avoided|prevented|stopped",
         "began|begin|begins|started|start|starts|came|comes|come with|from the|what ...3 you|u "
         "gave|sent|entered|provided|typed|told|chose|picked|selected",
         "without reading|checking|looking",
         "thousands|millions|hundreds|lots of other|others ...1 people|customers|users? ..4 "
         "book|use|manage|order|find",
         "how be|were|was we|i supposed|meant|to ...2 know|reach|find|contact|guess",
         "you|u ...1 =opted|=chose|=selected|=agreed|=signed ..6 yourself",
         "you|u may|might wish|want to ..6 carefully|earlier|future",
         "because of your ...2 dog|kids|children|son|daughter|husband|wife|partner|friend"),
        unless=("not do anything wrong", "nothing wrong", "you be not",
                "none|nothing|never ...4 your fault|mistake", "not ...2 have|need|needed|had to",
                *OWNED, "i|we should|=should've have|of",
                "without you|your ...3 would|'d not|never have? known|caught|noticed|found",
                # seventh round: "you did everything right", "nothing you did caused
                # this", "you did exactly what the screen told you; the screen was wrong",
                # "the failure was on our side"
                "you|u did|do|have done? everything|all right|correctly",
                "nothing you|u did|do|could|have", "you|u did|do exactly what",
                "on|from our side|end", "the screen|form|page|site|app|system|email be|was "
                "wrong|unclear|confusing|misleading"),
    ),
)
