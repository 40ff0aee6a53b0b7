"""How an apology is worded: in the plural, for a vague inconvenience, or not an apology at all."""

from __future__ import annotations

from .common import GAP3, Category, _category

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
         "@apology that? you be|feel so|very|really? @feeling_adj",
         "@apology that? you be|feel not happy|satisfied|pleased|impressed|content",
         "@apology ..4 impression",
         "@apology for how you",
         "@apology that? you had|have ...2 bad|poor|negative|unpleasant experience|time|visit|stay",
         "@apology that? you took|take it",
         "mistake|error be|have been? make"),
        unless=("@apology if i am", "@apology if i be"),
    ),
)
