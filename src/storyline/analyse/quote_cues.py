"""Word tables for :mod:`storyline.analyse.quotes`: cue verbs, speaker nouns, pronouns, titles, first names.

Data only: surface forms in lower case, every inflection written out (Storyline runs without the lemmatizer).
"""

from __future__ import annotations

from .. import lexicon
from .entities import JOB_WORDS

# ------------------------------------------------------------------------------------------ vocabulary


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


#: Verbs that attribute words to a speaker, in every inflection (no lemmatizer: surface forms).
CUE_FORMS = _words(
    """say says said saying tell tells told telling add adds added adding argue argues argued arguing
    note notes noted noting warn warns warned warning write writes wrote writing written claim claims
    claimed claiming insist insists insisted insisting state states stated explain explains explained
    explaining stress stresses stressed stressing ask asks asked asking reply replies replied replying
    respond responds responded responding answer answered recall recalls recalled recalling
    affirm affirms affirmed acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting announce
    announces announced announcing assert asserts asserted asserting declare declares declared
    declaring suggest suggests suggested suggesting tweet tweets tweeted tweeting posted report reports
    reported observe observes observed observing remark remarks remarked comment comments commented
    commenting conclude concludes concluded concluding emphasize emphasizes emphasized emphasizing
    emphasise emphasises emphasised emphasising predict predicts predicted predicting promise promises
    promised vow vows vowed vowing pledge pledges pledged pledging urge urges urged urging caution
    cautions cautioned cautioning complain complains complained complaining concede concedes conceded
    conceding confirm confirms confirmed confirming contend contends contended contending deny denies
    denied denying describe describes described describing call calls called calling liken likens
    likened likening praise praises praised praising hail hails hailed hailing joke jokes joked joking
    quip quips quipped quipping charge charges charged charging allege alleges alleged alleging
    maintain maintains maintained maintaining mention mentions mentioned mentioning reiterate
    reiterates reiterated reiterating repeat repeats repeated repeating reveal reveals revealed
    revealing testify testifies testified testifying boast boasts boasted boasting counter counters
    countered countering retort retorts retorted retorting remind reminds reminded reminding dismiss
    dismisses dismissed dismissing accuse accuses accused accusing criticize criticizes criticized
    criticizing criticise criticises criticised criticising echo echoes echoed echoing frame frames
    framed framing label labels labeled labelled labeling labelling dub dubs dubbed dubbing term terms
    termed slam slams slammed slamming blast blasts blasted blasting lament laments lamented lamenting
    demand demands demanded demanding recount recounts recounted recounting interjecting interjects
    clarify clarifies clarified
    proclaim proclaims proclaimed reason reasoned reassure reassured recommend recommended shout
    shouts shouted shouting yell yells yelled yelling retaliated scream screamed whisper whispered exclaim
    exclaimed mutter muttered grumble grumbled chant chanted chanting continued continues wondered
    mused muse pleaded begged interjected quoted quotes quoting read reads speak speaks spoke speaking mock mocks mocked
    mocking scoffed scoffs sniped snapped fumed gushed bragged raved marveled marvelled conceded vented
    barked barks beamed confessed confesses interrupted interrupts interjects lectured lecturing thanked
    thanks thanking cried sighed sneered groaned found finds reacted questioned assured assures exhorted
    riffed surmised elaborated remembered chided chiding welcomed welcomes credited credits condemned
    condemns condemning blamed blames touted touts commanded cracked boomed blared pressed agreed agrees
    estimated estimates decried decries jeered heckled taunted hollered roared cheered booed intoned implored
    scolded sang sings"""
)
#: Cue verbs that report speech in a content clause ("X said (that) …") — the indirect quotes.
INDIRECT_FORMS = _words(
    """say says said saying tell tells told telling add adds added adding argue argues argued arguing
    note notes noted noting warn warns warned warning write writes wrote writing written claim claims
    claimed claiming insist insists insisted insisting state states stated explain explains explained
    explaining stress stresses stressed stressing reply replies replied respond responds responded
    affirm affirms affirmed acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting announce
    announces announced announcing assert asserts asserted asserting declare declares declared
    declaring suggest suggests suggested suggesting tweet tweets tweeted tweeting report reports
    reported observe observes observed observing remark remarked conclude concludes concluded
    emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising predict
    predicts predicted predicting caution cautions cautioned complain complains complained concede
    concedes conceded conceding confirm confirms confirmed confirming contend contends contended
    contending charge charges charged allege alleges alleged alleging maintain maintains maintained
    mention mentioned reiterate reiterates reiterated reiterating reveal reveals revealed testify
    testified boast boasts boasted counter countered retort retorted remind reminds reminded
    reminding recall recalls recalled recount recounted clarify clarified proclaim proclaimed
    reassure reassured ask asks asked asking"""
)
#: Cue verbs whose direct object is what was said ("announced a $275 billion infrastructure plan", "stressed his
#: executive experience"); not "told reporters", "claimed victory", "maintains relations", "wrote a check".
OBJECT_CUES = INDIRECT_FORMS & _words(
    """announce announces announced announcing note notes noted noting stress stresses stressed stressing
    acknowledge acknowledges acknowledged acknowledging reveal reveals revealed revealing say says said saying
    tweet tweets tweeted tweeting suggest suggests suggested suggesting explain explains explained explaining
    recall recalls recalled recalling mention mentioned"""
) - _words("suggest suggesting")
#: Cue verbs whose infinitive complement is what was said or asked ("told Christie to go home", "claim to find Clinton
#: more palatable", "asked donors to give"); not "said on stage to justify …" nor "responded to …".
INFINITIVE_CUES = INDIRECT_FORMS - _words("say says said saying respond responds responded reply replies replied")
#: Nouns whose "that" clause is what their owner said ("Trump's claim that his net worth exceeds $10 billion",
#: "allegations by the agencies that …").
CLAIM_NOUNS = _words(
    """claim claims assertion assertions allegation allegations statement statements argument arguments insistence
    contention warning warnings promise promises pledge suggestion suggestions charge charges comment comments remark
    remarks admission announcement assurance assurances declaration boast complaint complaints prediction
    predictions"""
)
#: First words of what the parse hung on a cue after the clause it reports that still belong to that clause ("…, the
#: Times said, including speeches …", "…, he said, because he prizes …"); not "on condition of anonymity".
DISPLACED_OPENERS = _words("including because by since although though despite unless so without")
#: Subordinators that make a cue's clause set off inside a sentence a time or condition, not a source ("…, when he
#: insisted on paying his bill, …"); "as" makes it a source ("…, as the Times reported, …").
TIME_SUBORDINATORS = _words("when whenever after before while if since until once because although though unless")
#: Cues that hand their speaker to a quote opening the next paragraph.
STRONG_CUES = _words(
    """said says say told tells spoke speaks speaking added adds wrote writes asked asks explained stated
    continued recalled argued insisted insists tweeted posted declared agreed"""
)
#: Cues that can follow a quote ending with its own full stop and still belong to its sentence.
TRAILING_CUES = _words(
    """said says say added adds wrote writes told tells asked asks tweeted explained insisted continued
    noted argued stressed warned replied responded according recalled declared exclaimed concluded
    quipped joked shouted posted barked beamed confessed interrupted cried sighed went shot fired reacted
    questioned pressed agreed read reads states stated cut chimed jeered heckled taunted hollered roared
    scolded implored"""
)
#: Cues that attribute a quote only when it is inside their own phrase ("calling relations “strong”").
WEAK_CUES = _words(
    """call calls called calling describe describes described describing frame frames framed framing label
    labels labeled labelled labeling labelling dub dubs dubbed dubbing term terms termed praise praises
    praised praising hail hails hailed hailing liken likens likened likening echo echoes echoed echoing
    dismiss dismisses dismissed dismissing accuse accuses accused accusing criticize criticizes
    criticized criticizing criticise criticised slam slams slammed slamming blast blasts blasted
    blasting remind reminds reminded reminding urge urges urged urging demand demands demanded vow vows
    vowed vowing pledge pledges pledged pledging promise promises promised continued continues quoted
    lament laments lamented recommend recommended chant chanted chanting read reads thanked thanks thanking found finds
    welcomed welcomes credited credits condemned condemns condemning blamed blames touted touts chided chiding
    commanded agreed agrees"""
)
#: Nouns that can head the speaker of indirect speech (besides names, pronouns, titles, organisations).
SPEAKER_NOUNS = _words(
    """official officials analyst analysts expert experts critic critics source sources aide aides adviser
    advisers advisor advisors diplomat diplomats lawmaker lawmakers leader leaders minister ministers
    authorities people residents observers economists scholars researchers commentators supporters
    opponents voters democrats republicans members member person man woman men women statement
    readout read-out report reports poll polls survey study document letter media officer officers
    investigators prosecutors prosecutor lawyers lawyer attorneys attorney judge judges spokesperson
    representatives representative staff staffers employees workers activists advocates allies
    friends family executives executive candidate candidates nominee voter campaign officials’ others
    someone everyone nobody many some several few both all another administration insiders strategists
    strategist pollster pollsters organizers organisers protesters demonstrators witnesses witness
    police agency ministry government percent husband wife son daughter father mother brother sister
    partner spouse neighbor neighbour crowd audience host moderator friend ad ads advertisement video videos
    post tweet tweets memo email e-mail sign signs message website site column editorial footnote banner
    banners headline caption transcript team office voice voice-over narrator announcer"""
)
#: "pointed out", "points out": a cue only with its particle.
PARTICLE_CUES = {
    "point": "out",
    "points": "out",
    "pointed": "out",
    "pointing": "out",
    "went": "on",
    "goes": "on",
    "shot": "back",
    "fired": "back",
    "hit": "back",
    "put": "it",
    "puts": "it",
    "putting": "it",
    "cut": "in",
    "cuts": "in",
    "chimed": "in",
    "chimes": "in",
}
PRONOUNS_M = _words("he him")
PRONOUNS_F = _words("she her")
PRONOUNS_NONE = _words("i we you me us")
PRONOUNS_GROUP = _words("they them it")
HONORIFICS_M = _words("mr mr. mister sir lord")
HONORIFICS_F = _words("mrs mrs. ms ms. miss dame lady madam")
TITLE_WORDS = _words(
    """mr mr. mrs mrs. ms ms. miss mister sir dame lady lord madam dr dr. prof prof. professor president
    vice prime minister premier chancellor secretary senator sen. rep. representative governor gov.
    mayor king queen prince princess general gen. admiral colonel col. chairman chairwoman chair ceo
    ambassador spokesman spokeswoman spokesperson speaker leader judge justice deputy chief director
    commissioner pope bishop lt. sgt. captain capt. coach president-elect congressman congresswoman
    rev. reverend former acting state foreign defense defence treasury first councillor councilor
    councilman councilwoman alderman alderwoman assemblyman assemblywoman sheriff pastor rabbi archbishop
    cardinal imam sheikh mp mep msp mla"""
)
#: Words stripped from the front of a speaker's name: titles and jobs ("Analyst Priya Shah" -> "Priya Shah").
LEADING_TITLES = TITLE_WORDS | JOB_WORDS
GENDERED_ROLES_F = _words(
    "chairwoman spokeswoman congresswoman queen princess duchess businesswoman madam lady actress"
)
GENDERED_ROLES_M = _words("chairman spokesman congressman king prince duke businessman actor")
#: Nouns that describe a person already named ("the Chinese leader said", "the senior fellow said").
DESCRIPTOR_NOUNS = _words(
    """leader president fellow analyst official minister senator spokesman spokeswoman spokesperson
    diplomat adviser advisor expert director professor premier chairman chairwoman candidate nominee
    governor congressman congresswoman lawmaker economist businessman billionaire scholar researcher
    ambassador secretary chancellor mayor general chief executive founder lawyer attorney author
    strategist commentator politician republican democrat frontrunner front-runner former actress actor
    singer star host anchor columnist judge activist veteran candidate pastor mogul magnate"""
)
ORG_HEADS = _words(
    """institute institution council group agency ministry department court university college company
    party bank committee commission association union organisation organization foundation center
    centre office house administration board authority bureau service network fund league assembly
    parliament congress senate army navy police government campaign team embassy cabinet spokesman
    spokeswoman spokesperson statement"""
)
FEMALE_NAMES = _words(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
    sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
    katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
    virginia victoria lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha
    gloria teresa ann anne sara madison frances kathryn janice abigail alice judy sophia grace denise
    amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla
    alexis lori hillary hilary chelsea kamala nikki condoleezza madeleine ivanka melania huma kellyanne
    elise tulsi ilhan alexandria dianne kirsten ursula jacinda sanae henrietta giorgia liz kristi hope
    katie megyn maxine debbie tammy claire jill susana loretta janet sheila valerie carly marsha
    kristen meghan michele suzanne wendy yvonne zoe ayanna rashida nadine sophie
    julia caroline kate lucy jane mia leah rosa ines ingrid annalena kaja tsai-ing margrethe"""
)
MALE_NAMES = _words(
    """james john robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
    jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
    gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
    zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin
    carl arthur lawrence dylan jesse bryan billy joe bruce gabriel logan albert willie alan juan wayne
    elijah randy roy vincent ralph eugene russell bobby philip louis barack bernie mitt mike ted marco
    rand chris jeb ben newt rudy reince rick tim bill hal neil vladimir boris emmanuel olaf narendra
    recep bibi volodymyr sergei sergey dmitry antonio jared steve mick chuck mitch hunter lloyd antony
    jake pete tom kurt jim greg corey herman jeff tony dick al jon marc mario luis carlos pedro xi
    jinping hu wen keir rishi fumio shinzo yoon moon lai kevin ron dan doug matt josh rob nick
    sam ed ken fred jimmy jerome"""
)
#: Abbreviations whose period does not end a sentence.
ABBREVIATIONS = _words(
    """mr mrs ms dr st jr sr gov sen rep gen col lt sgt capt prof inc corp co ltd vs no jan feb mar apr
    jun jul aug sep sept oct nov dec ft mt rev hon pres dept est approx fig vol ave blvd adm cmdr"""
)


#: Finite verbs that show a new clause before a would-be trailing cue.
_CLAUSE_VERBS = _words("is was are were has have had will would can could does did isn't wasn't")


NP_PREPS = frozenset("for of at from to with in on".split())
#: Documents that speak for whoever wrote them ("a statement from Black Lives Matter", "Trump’s statement").
DOCUMENT_NOUNS = _words(
    """statement release email e-mail letter memo video ad advertisement post tweet caption sign piece
    report document filing readout read-out transcript message note op-ed column article editorial book
    speech interview press response reply answer remarks comments"""
)
#: The calendar's words (weekdays, months and their short forms, "today"): never a speaker.
WEEKDAYS_MONTHS = frozenset(
    (
        *lexicon.ordered("time.weekdays"),
        *lexicon.ordered("time.months"),
        *lexicon.ordered("time.near_days"),
        *(w for short in lexicon.table("time.month_short").values() for w in short.split()),
    )
)


#: Pronouns that can stand for a speaker the article does not name.
_SOMEONE = _words("another someone somebody everyone everybody nobody others many some several few both")


_ROLE_ABBREVIATIONS = {"senator": "sen.", "representative": "rep.", "governor": "gov.", "general": "gen.",
                       "president": "pres.", "professor": "prof.", "secretary": "sec."}


_REMARK_NOUNS = _words(
    """remark remarks comment comments statement claim claims assertion promise pledge vow warning argument
    suggestion insistence contention declaration words quip boast complaint admission observation"""
)


#: First words of a comma-delimited insertion between a speaker and a cue ("Levine, who has …, said").
INSERT_OPENERS = _words("who whose which asked speaking writing according in on at during after before from with like")


_ISSUED = _words("issued issues released releases sent sends published publishes posted posts put puts")
