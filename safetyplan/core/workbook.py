"""The "My safety plan" workbook as data.

Every section is one `Section` definition; one generic form and one template render any of
them, so adding a section means adding data here. Nothing in this module imports Flask.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["short_text", "long_text", "contacts", "items", "checklist"]


@dataclass(frozen=True)
class Suggestion:
    """A suggested action in a checklist. `key` is stored; the text can be reworded later."""

    key: str
    text: str


@dataclass(frozen=True)
class Field:
    name: str  # key in the stored answers, snake_case, never renamed once shipped
    label: str
    kind: FieldKind
    hint: str = ""
    suggestions: tuple[Suggestion, ...] = ()  # checklist only
    rows: int = 1  # contacts/items: blank rows shown to start with
    max_rows: int = 10  # contacts/items: most rows allowed


@dataclass(frozen=True)
class Section:
    number: int  # position in the workbook and in URLs (URLs carry no words)
    slug: str
    title: str
    intro: str
    fields: tuple[Field, ...]
    tips: tuple[str, ...] = ()  # "note to self" hints, shown collapsed
    shows_help_numbers: bool = False  # the national and local help numbers appear here
    feeds_help_now: bool = False  # its contacts appear on the Help now page
    private_by_default: bool = False  # left out of a new share unless chosen


@dataclass(frozen=True)
class IntroPart:
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


INTRO: tuple[IntroPart, ...] = (
    IntroPart(
        "Why have a plan?",
        (
            "Sometimes people we know can hurt us or put us in danger. A plan helps you think "
            "ahead, so you know what to do and who to contact if things go wrong.",
            "Nothing that has happened to you is your fault.",
        ),
    ),
    IntroPart(
        "What is in it?",
        (
            "Your plan is about your life: the people you trust, the places you go and the "
            "things that help you feel safe. It covers school, home, going out, being online "
            "and looking after yourself.",
        ),
    ),
    IntroPart(
        "How to fill it in",
        (),
        (
            "Do it on your own, or with a friend or an adult you trust.",
            "Do some parts or all of them. Nothing has to be filled in.",
            "Go in any order, and come back whenever you like. Each part saves on its own.",
            "Your worker may go through it with you and help you change it as things change.",
        ),
    ),
    IntroPart(
        "Keep it safe",
        (
            "Your plan is private. Only you and your worker can see it. You can choose to "
            "share some parts with a trusted adult.",
            "Sign out when you finish, and use the Exit this page button if someone comes near.",
        ),
    ),
    IntroPart(
        "Practise it",
        (),
        (
            "Keep your phone charged.",
            "Keep some credit for texts and calls.",
            "Save safe people's numbers in your phone.",
            "Remember your code word, and practise what you will say.",
        ),
    ),
)

_CONTACT_HINT = "A name you will recognise and a phone number, like 07700 900 982"

SECTIONS: tuple[Section, ...] = (
    Section(
        number=1,
        slug="emergency-code",
        title="My emergency code",
        intro=(
            "If you feel unsafe or get stuck somewhere, you can call or text someone who will "
            "help. A code word lets you ask for help without anyone else knowing."
        ),
        fields=(
            Field("trusted_adult", "My trusted adult", "contacts", _CONTACT_HINT, max_rows=1),
            Field("safe_friends", "My safe friends", "contacts", _CONTACT_HINT, max_rows=5),
            Field(
                "code_word",
                "My code word or phrase",
                "short_text",
                "Something ordinary that you could text without anyone guessing, like "
                "'Can you bring my blue hoodie?'",
            ),
            Field(
                "practice_questions",
                "Questions my trusted adult will ask me",
                "checklist",
                "Practise these together, so you both know what to do.",
                suggestions=(
                    Suggestion("come_and_get_me", "Do you want me to come and get you?"),
                    Suggestion("know_address", "Do you know the address?"),
                    Suggestion("another_way_out", "Can you get out another way?"),
                    Suggestion("call_police", "Do you want me to call the police?"),
                ),
            ),
        ),
        tips=(
            "Tell your trusted adult your code word, and what it means, before you need it.",
            "Practise the questions with them, so the answers come easily.",
        ),
        feeds_help_now=True,
        private_by_default=True,
    ),
    Section(
        number=2,
        slug="no-one-to-call",
        title="If I have no one to call",
        intro="Two people or services you can call or text to help you or come and get you.",
        fields=(
            Field(
                "people",
                "People or services I can call or text",
                "contacts",
                _CONTACT_HINT,
                rows=2,
                max_rows=4,
            ),
        ),
        feeds_help_now=True,
    ),
    Section(
        number=3,
        slug="feeling-down",
        title="When I feel down or scared",
        intro="Friends or family you can call, text or talk to at any time.",
        fields=(
            Field(
                "people",
                "People I can contact any time",
                "contacts",
                _CONTACT_HINT,
                rows=2,
                max_rows=6,
            ),
        ),
        tips=("It's OK to ask for help, even if you're not sure what's wrong.",),
        feeds_help_now=True,
    ),
    Section(
        number=4,
        slug="every-day",
        title="Every day",
        intro="Things you can do every day to help keep yourself safe. Tick the ones you'll do.",
        fields=(
            Field(
                "actions",
                "Things I will do",
                "checklist",
                suggestions=(
                    Suggestion("carry_phone", "Carry my phone and important numbers with me"),
                    Suggestion("tell_someone", "Let someone I trust know where I am"),
                    Suggestion(
                        "not_alone", "Stay away from quiet places and try not to walk alone"
                    ),
                    Suggestion("avoid_places", "Avoid places where the person harming me goes"),
                    Suggestion("lock_doors", "Keep doors and windows locked when I'm home alone"),
                    Suggestion(
                        "people_around",
                        "Not speak to them, and make sure people are around if I have to",
                    ),
                    Suggestion("call_999", "Call 999 if I am in danger"),
                    Suggestion(
                        "protective_order", "Ask about a court order to keep them away from me"
                    ),
                    Suggestion(
                        "not_my_fault", "Remember it is not my fault, and I deserve to be safe"
                    ),
                ),
            ),
        ),
    ),
    Section(
        number=5,
        slug="social-life",
        title="My social life",
        intro="Going out with friends, and staying safe while you do.",
        fields=(
            Field(
                "actions",
                "Things I will do",
                "checklist",
                suggestions=(
                    Suggestion("friends_phones", "Ask friends to keep their phones on them"),
                    Suggestion(
                        "different_places", "Go to different places from the person harming me"
                    ),
                    Suggestion("not_out_alone", "Not go out alone, especially at night"),
                    Suggestion("know_how_to_leave", "Know how to leave wherever I am"),
                    Suggestion(
                        "leave_if_uncomfortable",
                        "Leave if I feel uncomfortable, whatever my friends do",
                    ),
                    Suggestion(
                        "safe_people", "Spend time with people who make me feel safe and good"
                    ),
                ),
            ),
        ),
    ),
    Section(
        number=6,
        slug="online",
        title="Online and my phone",
        intro="Your phone and social media can help you, but people can use them to hurt you too.",
        fields=(
            Field(
                "actions",
                "Things I will do",
                "checklist",
                suggestions=(
                    Suggestion(
                        "same_as_in_person", "Not say or do anything online I wouldn't do in person"
                    ),
                    Suggestion(
                        "private_profiles", "Make all my profiles as private as they can be"
                    ),
                    Suggestion(
                        "save_evidence", "Save nasty or threatening messages, in case I need them"
                    ),
                    Suggestion(
                        "passwords_private", "Only give my passwords to my parents or carers"
                    ),
                    Suggestion("change_details", "Change my username or number if it doesn't stop"),
                    Suggestion("unknown_numbers", "Not answer unknown, blocked or private numbers"),
                    Suggestion("block_number", "Block their number, or ask my phone company to"),
                    Suggestion("no_contact", "Not contact the person harming me in any way online"),
                ),
            ),
        ),
        tips=("Screenshots are a good way to save messages. Keep them somewhere safe.",),
    ),
    Section(
        number=7,
        slug="school",
        title="At school",
        intro="Getting to and from school, and people and places there that help you feel safe.",
        fields=(
            Field("way_to_school", "The safest way to and from school", "long_text"),
            Field(
                "leaving_in_emergency",
                "How I get home safely if I have to leave in an emergency",
                "long_text",
            ),
            Field("safe_places", "Places at school where I feel safe", "items", rows=2, max_rows=5),
            Field(
                "people_to_talk_to",
                "People at school I can talk to",
                "checklist",
                suggestions=(
                    Suggestion("counsellor", "A counsellor"),
                    Suggestion("school_nurse", "The school nurse"),
                    Suggestion("teacher", "A teacher or the head teacher"),
                    Suggestion("prefect", "A prefect or older student"),
                ),
            ),
        ),
    ),
    Section(
        number=8,
        slug="home",
        title="At home",
        intro="Being safe at home, and getting out if you need to.",
        fields=(
            Field(
                "home_code_word",
                "A code word for family or neighbours to call for help",
                "short_text",
            ),
            Field(
                "public_places",
                "Safe public places I can go to in an emergency",
                "items",
                "Busy places the person harming you doesn't know about",
                rows=2,
                max_rows=4,
            ),
            Field("who_i_can_tell", "A family member or carer I can tell", "short_text"),
            Field("who_can_stay", "Who can stay with me when I'm alone", "short_text"),
            Field("telling_where_i_am", "How I let my family know where I am", "short_text"),
            Field("way_out", "The safest way out of the house", "long_text"),
        ),
    ),
    Section(
        number=9,
        slug="other-houses",
        title="At other people's houses",
        intro="At someone's house, flat or a hotel, there are things you can notice that help.",
        fields=(
            Field(
                "what_to_notice",
                "What I will notice about where I am",
                "checklist",
                suggestions=(
                    Suggestion("address", "The address, door or flat number and street"),
                    Suggestion("landmarks", "Landmarks near by, like shops or a church"),
                    Suggestion("area", "The area or part of town"),
                ),
            ),
            Field(
                "room_to_go_into",
                "Which room I will go into, to see who is there",
                "short_text",
            ),
            Field("how_door_opens", "How the door opens from the inside", "short_text"),
            Field("another_way_out", "Another way out", "short_text"),
            Field(
                "warning_signs",
                "I know things are getting unsafe when...",
                "long_text",
            ),
        ),
        tips=(
            "If you feel unsafe, go to the toilet and text your code word to your trusted adult.",
            "Leave before things turn bad, if you can.",
        ),
    ),
    Section(
        number=10,
        slug="getting-away",
        title="Getting away",
        intro=(
            "Someone may try to make you stay, by being nice, making threats or saying they'll "
            "hurt people you care about. Plan what you will say and do."
        ),
        fields=(
            Field(
                "if_they_make_me_stay",
                "What I'll say or do if someone tries to make me stay",
                "long_text",
                "For example: play along, or say you have to check in with someone",
            ),
            Field(
                "meeting_places",
                "Places to meet that only my safe person knows",
                "items",
                rows=2,
                max_rows=3,
            ),
            Field(
                "reasons_to_leave",
                "Reasons I can give to leave",
                "items",
                "For example: 'I need my inhaler from the chemist'",
                rows=2,
                max_rows=5,
            ),
        ),
        tips=("Practise your reasons to leave, so they sound natural.",),
    ),
    Section(
        number=11,
        slug="party",
        title="Going to a party",
        intro="Plan how you'll get there, stay together and get home.",
        fields=(
            Field("getting_home", "How I'll get home (money or a plan for a taxi)", "short_text"),
            Field("plan_b", "My plan B to get home", "short_text"),
            Field("drinks", "How many drinks, and which ones", "short_text"),
            Field(
                "actions",
                "Things I will do",
                "checklist",
                suggestions=(
                    Suggestion(
                        "watch_drink", "Never leave my drink, and not take drinks from strangers"
                    ),
                    Suggestion("know_drugs", "If I take drugs, know what they are and how much"),
                    Suggestion("look_out", "Agree with friends to look out for each other"),
                    Suggestion("text_if_unsafe", "Text my friends if I feel unsafe"),
                    Suggestion("tell_trusted_adult", "Tell my trusted adult where I'm going"),
                ),
            ),
            Field("meeting_point", "Where we'll meet if we get split up", "short_text"),
        ),
    ),
    Section(
        number=12,
        slug="away",
        title="When I'm away from my area",
        intro="If you're taken somewhere you don't know, small details can help you and others.",
        fields=(
            Field(
                "actions",
                "Things I will do",
                "checklist",
                suggestions=(
                    Suggestion("ask_where", "Ask for clues about where we're going"),
                    Suggestion(
                        "car_details",
                        "In a stranger's car, notice the number plate, make, model and colour",
                    ),
                    Suggestion("doors_open", "Check whether the doors open from the inside"),
                    Suggestion("signs", "Notice road signs, street names and bus numbers"),
                    Suggestion("places_to_run", "Look for places I could run to"),
                    Suggestion("text_on_arrival", "Text my trusted adult when I arrive"),
                    Suggestion("use_code_word", "Use my code word if I feel unsafe"),
                    Suggestion("tell_if_plans_change", "Tell my trusted adult if plans change"),
                ),
            ),
        ),
    ),
    Section(
        number=13,
        slug="no-credit",
        title="No credit or no phone",
        intro="Ways to reach your trusted people even with no credit or no phone.",
        fields=(
            Field(
                "email",
                "How I can email someone",
                "short_text",
                "For example, from a library computer",
            ),
            Field("apps", "Messaging apps I can use on Wi-Fi", "short_text"),
            Field(
                "public_phones",
                "Where there are public phones near me",
                "items",
                rows=1,
                max_rows=4,
            ),
        ),
        tips=("You can call 999, Childline and Missing People free, even with no credit.",),
    ),
    Section(
        number=14,
        slug="feeling-ok",
        title="Feeling OK about me",
        intro="Looking after how you feel matters as much as staying safe.",
        fields=(
            Field(
                "what_they_do",
                "What they say or do to make me feel bad",
                "long_text",
            ),
            Field("what_i_like", "Things I like about myself", "long_text"),
            Field("things_i_enjoy", "Things I enjoy doing", "items", rows=2, max_rows=6),
            Field("clubs", "Clubs or groups I'd like to join", "items", rows=1, max_rows=4),
            Field(
                "if_no_space",
                "What I'll do if people don't give me space",
                "long_text",
                "People who really care about you will let you have space.",
            ),
        ),
    ),
    Section(
        number=15,
        slug="help-near-me",
        title="Getting help near me",
        intro=(
            "These services will help you stay safe. Their numbers are always on the Help now "
            "page. Add friends or family you can call at any time, day or night."
        ),
        fields=(
            Field(
                "people",
                "Friends or family I can call any time",
                "contacts",
                _CONTACT_HINT,
                rows=2,
                max_rows=6,
            ),
            Field("other_help", "Other help near me", "long_text"),
        ),
        shows_help_numbers=True,
        feeds_help_now=True,
    ),
)

_BY_NUMBER = {section.number: section for section in SECTIONS}


def section_by_number(number: int) -> Section | None:
    return _BY_NUMBER.get(number)
