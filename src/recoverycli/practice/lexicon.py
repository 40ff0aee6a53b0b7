"""Word classes the coach's patterns are written over, as lemmas.

A class holds base forms (lemmas); ``scripts/build_lexicon.py`` expands every verb, noun
and adjective here into its inflections with lemminflect and writes ``data/forms.json``, so at
run time a word's lemma is one dictionary look-up and lemminflect is never imported.
Multi-word ideas ("drop the ball", "short of staff") live in the patterns, not here.
"""

from __future__ import annotations


def _c(words: str) -> frozenset[str]:
    return frozenset(words.split())


CLASSES: dict[str, frozenset[str]] = {
    # apologising and regretting
    "apology": _c("sorry apologize apology apologies regret soz"),
    # the organisation or a group speaking as "we"
    "org": _c("company management team hotel restaurant airline store shop business firm "
              "bank everyone staff branch office store department organization group"),
    # people and bodies other than the speaker and the customer
    "third": _c("warehouse courier carrier kitchen shift supplier company team accounts "
                "billing finance reception receptionist engineer agent bank driver partner "
                "manufacturer department dept manager branch colleague staff housekeeping "
                "office ups fedex dhl mail post subcontractor valet porter concierge attendant "
                "contractor people lad guy girl cleaner cleaners housekeeper plumber "
                "electrician fitter builder surveyor cook bartender barista guard security "
                "adviser advisor rep representative coworker co-worker teammate director "
                "council agency locum nurse doctor pharmacist postie packer picker loader "
                "chef waiter waitress technician installer vendor seller factory depot "
                "clerk desk operator sales store shop site whoever someone somebody they person "
                "he she airline hotel lab it-team boss supervisor processor processing "
                "dispatch logistics transport haulier postman postwoman delivery insurer "
                "landlord contractor provider network person agency cashier server host"),
    # a fault event: what goes wrong
    "fault": _c("lose mislay forget mess misplace drop break damage cancel delete misread "
                "mishear misdirect mix confuse block reject decline reverse overcharge "
                "double-book omit miss skip ignore fail botch bungle screw muck wreck "
                "mistype misspell misroute send give hold delay leave pack enter "
                "take make get put ruin spoil lock throw chuck toss"),
    # fault verbs that are faults on their own, with no "wrong" beside them
    "fault_alone": _c("lose mislay forget mess misplace drop break damage delete misread "
                      "mishear misdirect mix confuse block reverse overcharge double-book "
                      "omit ignore botch bungle screw muck wreck mistype misspell misroute "
                      "ruin spoil cancel lock dump skip miss overbook double-book overcharge "
                      "undercharge misquote misinform mis-sell misprint mislabel"),
    # faults that need someone to commit them ("the cleaners forgot your room")
    "agent_fault": _c("forget mess misplace mislay ignore botch bungle screw muck dump "
                      "mishear misread mistype overlook neglect skip"),
    # wrongly, incorrectly
    "wrong": _c("wrong wrongly incorrect incorrectly bad badly mistake error faulty"),
    # busy, swamped
    "busy": _c("busy swamped slammed overwhelmed rushed hectic crazy mad manic chaotic "
               "flat-out snowed overloaded understaffed short-staffed short-handed stretched "
               "overrun chaos mayhem madness carnage bedlam inundated flooded bombarded "
               "deluged frantic rammed heaving packed overworked stressed nonstop non-stop "
               "hammered mental insane nuts backlog"),
    # computers that fail
    "system": _c("system computer software app website site server network till "
                 "database portal tablet printer machine terminal internet wifi platform "
                 "tool program programme scanner reader epos crm checkout line lines phones "
                 "signal email inbox laptop pc device kiosk engine"),
    "breakdown": _c("down crash glitch bug slow freeze outage fail error break hang "
                    "play glitchy buggy broken offline unreliable auto-cancel reboot lag "
                    "malfunction jam frozen froze blink timeout time-out lagging reset wipe "
                    "corrupt corrupted"),
    # newcomers
    "newcomer": _c("trainee new-starter newbie junior temp intern apprentice starter "
                   "recruit newcomer graduate placement probation rookie learner "
                   "stand-in fill-in"),
    # times and seasons as a cause
    "season": _c("christmas holiday holidays season rush peak weekend saturday sunday "
                 "friday weather storm snow summer winter january december bank-holiday "
                 "sale sales easter half-term new-year lunchtime rush-hour peak-time "
                 "heatwave rain traffic roadworks strike strikes flu"),
    # a rule to hide behind
    "policy": _c("policy policies rule rules regulation regulations procedure procedures "
                 "guideline guidelines terms conditions t&cs protocol"),
    "authority": _c("management manager boss office head supervisor owner system computer"),
    # emotions one might be told not to have
    "emotion": _c("upset angry annoyed emotional mad cross frustrated worked hysterical "
                  "rude aggressive excited agitated irate panicky touchy "
                  "sensitive defensive hostile shouty"),
    "feeling_adj": _c("upset unhappy disappointed offended annoyed angry frustrated "
                      "inconvenienced dissatisfied displeased hurt insulted confused "
                      "aggrieved"),
    # perception verbs a non-apology hides behind
    "perceive": _c("feel think see seem perceive view find believe consider"),
    # the stock nouns of a hollow apology
    "hollow": _c("inconvenience trouble problem issue hassle disruption confusion difficulty "
                 "distress upset disappointment frustration misunderstanding"),
    # moving a customer or their case somewhere else
    "transfer": _c("transfer put pass send forward redirect refer hand connect move"),
    # units inside our organisation (cold transfer targets)
    "internal": _c("department dept team billing accounts sales support returns complaints "
                   "office manager supervisor desk service services head "
                   "branch finance people ppl colleague someone somebody else reception "
                   "store shop helpdesk helpline hotline switchboard"),
    # parties outside (handing the work back to the customer)
    "external": _c("courier carrier bank supplier manufacturer hotel seller insurer landlord "
                   "delivery company post provider retailer vendor airline"),
    # chores handed to a customer
    "task": _c("fill call ring send email e-mail contact chase log submit reorder rebook "
               "book resubmit upload download reinstall visit write post go check phone "
               "raise report complete print register apply return bring speak talk track "
               "claim reclaim dispute appeal complain escalate request resend re-send renew "
               "redeem photograph scan reapply re-apply"),
    # things a customer might be blamed for doing
    "customer_act": _c("read enter type call check tell click book follow fill give keep "
                       "bring update mention choose select put sign order answer understand "
                       "follow do misread input provide pick save print notice look "
                       "specify write cancel lock forget leave choose attach tick send "
                       "register include enclose submit return label activate confirm "
                       "double-check install charge drop break damage lose spill delete "
                       "misplace ring phone contact email ask wait"),
    # disparaging words about people and places
    "disparage": _c("useless hopeless joke mess clueless incompetent idiot idiots rubbish "
                    "garbage shambles terrible awful worst lazy nightmare clown clowns "
                    "pathetic shocking disgrace disgraceful dreadful crap pants trash "
                    "amateur amateurs stupid dumb joke shambolic chaotic disaster "
                    "circus cheapskates greedy dinosaur prehistoric rip-off ripoff cowboys"),
    "disparage_target": _c("place company management manager managers chef kitchen "
                           "department dept team staff owner boss supervisor supervisors "
                           "product products service website site hotel restaurant "
                           "shop store office people system driver drivers warehouse "
                           "everyone everybody they he she it-department lot billing chain firm "
                           "brand outfit organization business branch council bank "
                           "clinic surgery airline head-office colleagues drivers"),
    # saying something before
    "said": _c("say tell explain mention state advise point answer"),
    # time words for fixes and follow-ups
    "when": _c("today tonight tomorrow now immediately asap monday tuesday wednesday "
               "thursday friday saturday sunday morning afternoon evening noon midday "
               "minute hour day week weekend o'clock am pm"),
    "now": _c("now immediately asap"),
    # first-person fixing verbs
    # concrete fixing actions ("look into it" is not one)
    "fixverb": _c("fix sort refund replace send book rebook arrange resend reissue "
                  "credit process change correct repair redeliver deliver ship collect "
                  "upgrade cover waive remake put make order reorder track chase handle "
                  "cancel call ring bring hold move transfer reserve set compensate "
                  "reimburse pay give issue update escalate reset courier drive refit "
                  "reinstate restore return unlock open clean swap exchange clear prepare "
                  "organize lay ready"),
    # what someone does for the customer: an excuse or a rule followed by one of these is
    # context for a remedy, not the point
    "remedy": _c("book rebook order reorder send resend refund replace arrange reserve "
                 "upgrade waive extend deliver redeliver ship courier credit reissue fix "
                 "process expedite prioritize sort remake approve pass exception ask talk "
                 "speak offer organize hold keep clear prepare repair restore reinstate "
                 "cover compensate reimburse escalate chase track swap exchange move "
                 "transfer cancel"),
    "followverb": _c("call ring phone email text message check follow contact update "
                     "confirm write"),
    "offer": _c("free complimentary voucher discount credit upgrade gift treat coupon "
                "certificate refund compensation dessert drink bottle waive"),
    "comeback": _c("next return back future again visit stay trip meal order time come"),
    "empathy_adj": _c("frustrating upsetting awful terrible stressful horrible infuriating "
                      "disappointing annoying worrying maddening exhausting miserable "
                      "embarrassing scary frightening inconvenient unfair"),
}
