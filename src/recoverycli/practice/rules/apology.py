"""How an apology is worded: in the plural, for a vague inconvenience, or not an apology at all."""

from __future__ import annotations

from .common import GAP3, OWNED, Category, _category

CATEGORIES: tuple[Category, ...] = (
    _category(
        "plural-apology",
        (f"we {GAP3} @apology",
         f"^ the|our|this|all? @org here? {GAP3} @apology",
         "^ the|our|this|all? @org ...2 would|wish|want|like|must ..5 its|their|our ...1 "
         "apology|apologies",
         "our sincere|deepest|humble? apology|apologies",
         "^ the|our|this|all ...2 ~i|you =apologizes|=regrets",
         "accept our ...2 apology|apologies",
         "@apology ,? from all|everyone|the|us ...2 us|team|here|company",
         "on behalf of ..6 @apology",
         "^ we at|here ..6 be|is|are ...2 @apology",
         "^ the|our? @org ...2 =apologizes|=apologises|=regrets"),
    ),
    _category(
        "hollow-inconvenience",
        ("@apology|excuse ..8 any ...1 @hollow",
         "@apology|excuse ..8 inconvenience|inconvenienced",
         "@apology ...3 for|about the|this|that @hollow $",
         "@apology ...3 for|about the|this|that @hollow caused",
         "@apology ...3 for|about the|this|that @hollow this|that|it|you ...3 cause|experience"),
        unless=("more than|not|understatement ...3 inconvenience",
                # the customer's distress named as theirs: "the distress this has caused you"
                "distress|upset|disappointment|frustration|worry|stress|anxiety ...4 caused|"
                "given you|u",
                "minimise|minimize|avoid|prevent|spare|save|reduce|limit|further|more|"
                "another ...3 inconvenience",
                "not call ...2 inconvenience",
                "you|u had to|=lost|=missed|=spent|=paid|ended|could|were|couldn't ...1 ~any"),
    ),
    _category(
        "non-apology",
        ("@apology if",
         "^ if ..8 , ...3 @apology",
         "^ if ..8 i|we am|are|be|do? very|really|so|truly? @apology $",
         "@apology that? you|it ~to? @perceive",
         # "sorry for your feelings about the order" (a red team)
         "@apology for|about your|you feelings|feeling|frustration|upset|disappointment|"
         "dissatisfaction|perception",
         "@apology that? you be|feel so|very|really? @feeling_adj",
         "@apology that? you be|feel not happy|satisfied|pleased|impressed|content",
         "@apology ..4 impression",
         "@apology for how you",
         "@apology that? you had|have ...2 bad|poor|negative|unpleasant experience|time|visit|stay",
         "@apology that? you took|take it",
         "mistake|error be|have been? make",
         # impersonal regret, regret of the customer's view, and "sorry, but" (issue 20)
         "it be|is|'s|its ...1 unfortunate|regrettable|a shame|a pity|such a shame|too bad",
         "< ...2 pity|shame about|that|your|the", "that be|is|'s|'re regrettable",
         "i regret that|how|if you|u", "i regret that ...6 not|n't|wasnae to your",
         "i hate that ~i|we",
         "mistake|mistakes|error|errors|mix-up|mixup|things ...3 =occur|=happen|got|get|=go "
         "made|missed|wrong|pear-shaped|messed",
         "^ mistakes|errors may have", "some errors|mistakes|things ...2 =occur|=happen|=go",
         "^ if ..8 then i? @apology",
         "@apology ...1 ,? but ~i", "@apology ...1 ,? but i ..2 not|never|cannot|can't|n't",
         "@apology to hear you|u be|are|'re|were ~so? unhappy|dissatisfied|disappointed|not",
         "@apology to hear you|u had|have a less|that|this",
         "@apology ...4 not what you|u expected|wanted",
         "@apology you|u ...2 had|have that|this|such ...2 experience",
         "@apology you|u did|didn't|do|don't not? have a good|great|nice",
         "@apology for however", "@apology ..4 came|come across",
         "@apology ...2 that be|is|'s how you|u",
         "it be|is what it be|is",
         "^ be|is very|really|most|so? unfortunate that|you",
         # the formal register (sixth round): "not as clear as you would have liked", "not to
         # your liking", "I regret that there was a misunderstanding", "to the extent that"
         "as you|u would|'d have|'ve liked|wished|expected|hoped", "to your liking|satisfaction",
         "@apology|regret ...2 there be|was|were|has|had been? a|any|some ...1 misunderstanding|"
         "confusion|miscommunication", "to the extent that|any"),
        unless=("@apology if i am", "@apology if i be", *OWNED),
    ),
)
