"""Original demo essays loaded by `manage.py load_demo`; written for this project."""

from __future__ import annotations

DEMO_CATEGORIES = [
    {
        "name": "National cinemas",
        "slug": "national-cinemas",
        "description": (
            "Essays on the histories, styles and industries of particular national and regional "
            "cinemas. We look at how places shape films, and how films shape the way places are "
            "seen."
        ),
    },
    {
        "name": "Festivals",
        "slug": "festivals",
        "description": (
            "Reports and reflections on festivals, film societies and the wider exhibition "
            "circuit, from programming decisions to the conversations that follow a screening."
        ),
    },
    {
        "name": "Craft",
        "slug": "craft",
        "description": (
            "Close looks at the skills that make films, from cinematography and sound to "
            "restoration, continuity and location work."
        ),
    },
    {
        "name": "Industry",
        "slug": "industry",
        "description": (
            "Financing, distribution, translation and preservation: the structures and economics "
            "that decide which films get made and which reach an audience."
        ),
    },
]

DEMO_AUTHORS = [
    {
        "name": "Ilse Marrowby",
        "slug": "ilse-marrowby",
        "bio": (
            "Ilse Marrowby spent fifteen years as a film conservator before turning to "
            "criticism. She writes about archives, restoration and the cinemas of the Caucasus."
        ),
    },
    {
        "name": "Teodor Brambleton",
        "slug": "teodor-brambleton",
        "bio": (
            "Teodor Brambleton reports on film financing, distribution and the economics of "
            "small-language cinemas. He is a former sales agent who still reads contracts for "
            "pleasure."
        ),
    },
    {
        "name": "Amara Quillfeather",
        "slug": "amara-quillfeather",
        "bio": (
            "Amara Quillfeather has programmed festivals on three continents and writes about "
            "exhibition, audiences and the politics of selection."
        ),
    },
    {
        "name": "Perpetua Lanternwick",
        "slug": "perpetua-lanternwick",
        "bio": (
            "Perpetua Lanternwick trained as a sound editor and now writes about the crafts "
            "behind the camera, from script supervision to colour grading."
        ),
    },
    {
        "name": "Osric Tallowmere",
        "slug": "osric-tallowmere",
        "bio": (
            "Osric Tallowmere is a critic and former location manager with a particular interest "
            "in genre cinema, animation and the places where films are made."
        ),
    },
]

DEMO_ESSAYS = [
    {
        "slug": "georgian-cinema-sense-of-time",
        "title": "Light Through Vine Leaves: How Georgian Cinema Learned to Keep Its Own Time",
        "standfirst": (
            "From the silent comedies of Tbilisi studios to the patient contemporary films shot "
            "in mountain villages, Georgian cinema has resisted borrowed rhythms, and its "
            "restored classics show how a small industry built a durable, unhurried style."
        ),
        "category": "national-cinemas",
        "authors": ["ilse-marrowby", "osric-tallowmere"],
        "tags": [
            "eastern europe",
            "film archives",
            "cinematography",
            "film criticism",
            "restoration",
        ],
        "published": "2025-01-14 10:00",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "Anyone who has sat through a retrospective of Georgian films will "
                        "recognise the moment when the pace of the room changes. The audience, "
                        "trained by years of briskly cut imports, begins by checking watches and "
                        "ends by leaning forward. Nothing on screen has sped up; rather, the "
                        "viewers have slowed down to meet the film. That adjustment is the first "
                        "lesson Georgian cinema teaches, and it has been teaching it for more "
                        "than a century, through Soviet studio quotas, civil war, electricity "
                        "shortages and the sudden freedoms and poverties of independence."
                    ),
                    (
                        "It is tempting to explain this rhythm through landscape alone: the "
                        "terraced vineyards, the long tables, the churches perched where no road "
                        "should reach. But landscape is only raw material. What Georgian "
                        "directors have consistently done is treat duration as a moral quantity. "
                        "A shot held past the point of information becomes a shot about "
                        "patience, endurance or stubborn hospitality. The camera waits with "
                        "characters rather than for them, and the waiting itself becomes the "
                        "subject, a kind of argument about how a small nation survives its "
                        "larger neighbours."
                    ),
                ],
            },
            {
                "heading": "Comedy, allegory and the art of saying two things",
                "paragraphs": [
                    (
                        "Under Soviet administration, Georgian filmmakers developed an unusually "
                        "flexible relationship with allegory. Films that appeared to be gentle "
                        "village comedies could carry a sharper charge for audiences who knew "
                        "where to look: a bureaucrat who cannot find the right stamp, a feast "
                        "that continues while officials wait outside, a choir singing slightly "
                        "out of step with an official anthem. Censors were not fools, and many "
                        "such films were shelved or trimmed. Yet the habit of double meaning "
                        "became a craft in its own right, passed between generations like a "
                        "family recipe."
                    ),
                    (
                        "What distinguishes the best of this work from simple coded dissent is "
                        "its warmth. The satire rarely curdles into contempt. Even the most "
                        "foolish petty official is given a meal, a song, a moment of private "
                        "grief. Critics writing in Moscow sometimes mistook this generosity for "
                        "naivety. In hindsight it looks more like strategy: a cinema that "
                        "refused to hate its opponents made itself very difficult to accuse, and "
                        "far easier for ordinary viewers across the union to love."
                    ),
                ],
            },
            {
                "heading": "What restoration reveals about the original images",
                "paragraphs": [
                    (
                        "The recent wave of digital restorations, carried out by archives in "
                        "Tbilisi with partners abroad, has altered how these films can be "
                        "discussed. For decades many circulated only in worn 16mm prints or "
                        "murky television transfers, their tonal range flattened into grey soup. "
                        "Restored from the best surviving elements, the same scenes now reveal a "
                        "cinematographic intelligence that earlier viewers could only guess at: "
                        "the careful separation of white plaster from white linen, faces lit by "
                        "a single window, dusk exposed to hold a last trace of colour in the "
                        "sky."
                    ),
                    (
                        "Restoration also raises uncomfortable questions. Which version counts "
                        "as the film: the cut approved for release, a longer assembly discovered "
                        "in a storeroom, or the export print with different titles? Georgian "
                        "archivists have tended to present alternatives rather than impose a "
                        "single answer, screening variant reels side by side and publishing "
                        "notes on what was changed and why. It is a modest, scholarly approach, "
                        "and it suits a body of work that was always aware of its own "
                        "provisional status."
                    ),
                ],
            },
            {
                "heading": "A contemporary cinema that remembers",
                "paragraphs": [
                    (
                        "Younger directors working today inherit both the achievement and its "
                        "weight. Some react against it, favouring handheld urgency and urban "
                        "stories of unemployment and migration. Others extend it, setting long "
                        "takes in half-abandoned spa towns or shooting entire films around a "
                        "single family table. The most interesting work does both at once, using "
                        "the older patience to look at newer problems: remittance economies, "
                        "emptied villages, the strange afterlife of Soviet infrastructure in a "
                        "country that has spent three decades defining itself apart from it."
                    ),
                    (
                        "For international audiences, the lesson is less about Georgia than "
                        "about viewing itself. A national cinema is not merely a set of subjects "
                        "or a flag in a festival catalogue. It is a way of organising attention, "
                        "built up over decades and defended against pressure. Georgian films ask "
                        "viewers to give time before they receive meaning. Those willing to make "
                        "that exchange tend to discover that the meaning, when it finally "
                        "arrives, has been quietly accumulating all along."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "west-african-festivals-open-sky",
        "title": (
            "Under the Open Sky: What West African Film Festivals Can Teach the Global Circuit"
        ),
        "standfirst": (
            "Outdoor screenings, packed public squares and debates that run past midnight have "
            "given West African festivals a character unlike the red-carpet model, and their "
            "approach to audiences and distribution offers lessons for programmers everywhere."
        ),
        "category": "festivals",
        "authors": ["amara-quillfeather"],
        "tags": ["film festivals", "african cinema", "audiences", "programming", "distribution"],
        "published": "2025-02-21 08:30",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "The image most people outside the region carry of a West African film "
                        "festival is a crowd: hundreds of people on plastic chairs in a public "
                        "square, children sitting cross-legged at the front, a screen stretched "
                        "between two poles and a projector humming on a trestle table. The image "
                        "is accurate, but it becomes a cliché if it is treated as mere local "
                        "colour. The crowd is not decoration. It is the festival's central "
                        "argument, that cinema belongs to a public before it belongs to a "
                        "market."
                    ),
                    (
                        "Festivals in the region have long had to do several jobs at once. They "
                        "serve as premieres, as trade forums, as film schools in miniature and, "
                        "in cities with few functioning cinemas, as the only place where many "
                        "residents will see a locally made feature on a big screen all year. "
                        "That multiplicity strains budgets and tempers. It also produces a "
                        "seriousness about audiences that more glamorous events, where tickets "
                        "vanish into industry allocations, have largely lost."
                    ),
                ],
            },
            {
                "heading": "The square, the cinema hall and the debate",
                "paragraphs": [
                    (
                        "The post-screening debate is where this seriousness becomes visible. At "
                        "many European festivals a question-and-answer session is a polite "
                        "ritual, ten minutes of compliments before the next booking. In "
                        "Ouagadougou, Dakar or Lomé the conversation can run longer than the "
                        "film. Viewers challenge directors on their depiction of village elders, "
                        "the accuracy of a market scene, the choice of French over a local "
                        "language. Filmmakers who expected applause sometimes leave bruised, but "
                        "they leave knowing their film has entered a living argument rather than "
                        "a catalogue."
                    ),
                    (
                        "Programmers working in these conditions learn to think about sequence "
                        "and setting as much as selection. A quiet documentary about fishing "
                        "communities might play beautifully in an indoor hall and vanish "
                        "entirely in a noisy square. A broad comedy can unite an outdoor crowd "
                        "that would sit stiffly through it in air-conditioned darkness. Good "
                        "festival teams schedule with this in mind, matching films to spaces and "
                        "times of day with a precision that rarely shows in the published "
                        "programme."
                    ),
                ],
            },
            {
                "heading": "Distribution after the applause fades",
                "paragraphs": [
                    (
                        "The harder question is what happens once the festival ends. A film may "
                        "win a prize, draw thousands of viewers and then disappear, because the "
                        "circuit of commercial cinemas, broadcasters and platforms that might "
                        "carry it onward is thin or oriented elsewhere. Several festivals have "
                        "responded by building markets and co-production labs into their "
                        "programmes, inviting buyers and funders to see projects in development "
                        "as well as finished films. The results are uneven, yet the principle is "
                        "sound: a festival that only celebrates is not enough."
                    ),
                    (
                        "Some of the most promising initiatives are modest. Touring packages "
                        "carry a handful of festival titles to secondary towns on portable "
                        "equipment. University film clubs receive screening rights in exchange "
                        "for organising discussions. Regional broadcasters commit to airing a "
                        "fixed number of festival selections each year. None of these "
                        "arrangements will make anyone rich, but together they extend a film's "
                        "life from a single week of attention to something closer to a proper "
                        "release."
                    ),
                ],
            },
            {
                "heading": "Lessons for the wider circuit",
                "paragraphs": [
                    (
                        "Festivals elsewhere have begun, tentatively, to borrow from this model. "
                        "Free outdoor strands, community juries and longer discussion slots now "
                        "appear at events that once measured success chiefly by the number of "
                        "accredited journalists. It would be wrong to romanticise the West "
                        "African approach, which is shaped by scarcity as much as by principle. "
                        "But it has kept alive a truth that the industry version of the circuit "
                        "tends to forget: films are made to be argued about by the people they "
                        "depict, in the places where those people live."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "restoring-nitrate-prints",
        "title": "Handling Fire: The Patient and Dangerous Work of Restoring Nitrate Film Prints",
        "standfirst": (
            "Cellulose nitrate gave early cinema its luminous images and its terrible fires; the "
            "technicians who restore it today balance chemistry, ethics and craft to rescue "
            "colour and detail before the material finally decays."
        ),
        "category": "craft",
        "authors": ["ilse-marrowby"],
        "tags": ["restoration", "film archives", "colour", "cinematography"],
        "published": "2025-04-03 11:15",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "Every film archivist has a story about the smell. Decomposing nitrate "
                        "gives off a sharp, sour odour, somewhere between vinegar and spent "
                        "fireworks, that announces trouble before a can is opened. Inside, the "
                        "reel might be perfect, or it might be a brown honeycomb welded into a "
                        "single lump, or, worst of all, a fine powder that was once a film. "
                        "Restorers learn to read these stages the way doctors read symptoms, "
                        "knowing that each one narrows the window in which anything can still be "
                        "saved."
                    ),
                    (
                        "Nitrate base was the industry standard until the early 1950s, prized "
                        "for its clarity and its durability under projection. It was also highly "
                        "flammable, capable of burning without outside oxygen and almost "
                        "impossible to extinguish once alight. Vault fires destroyed large parts "
                        "of several national collections, and studios routinely junked prints to "
                        "recover silver or save on storage. What survives is therefore partial "
                        "by definition, and often survives only because someone ignored an "
                        "instruction to throw it away."
                    ),
                ],
            },
            {
                "heading": "Inside the vault and on the bench",
                "paragraphs": [
                    (
                        "Modern nitrate storage looks less like a library than a munitions "
                        "depot: small separated cells, fire suppression, carefully controlled "
                        "temperature and humidity. Work on the bench begins with inspection. A "
                        "technician winds through the reel by hand, noting shrinkage, broken "
                        "perforations and splices that have dried and let go. Shrinkage matters "
                        "enormously, because a print that has contracted even slightly will not "
                        "run through standard equipment without damage. Many restorations begin "
                        "with days of patient repair before a single frame is scanned."
                    ),
                    (
                        "Scanning itself has transformed the field. Where earlier generations "
                        "made photochemical duplicates, losing detail with each copy, archives "
                        "now capture frames at very high resolution, using wet-gate or software "
                        "techniques that minimise the appearance of scratches. Some scanners use "
                        "gentle sprocketless transports that can cope with warped or shrunken "
                        "stock. The scan is not the end of the process but the beginning of a "
                        "new set of decisions, because a raw scan of an old print is never "
                        "simply the film as it was first seen."
                    ),
                ],
            },
            {
                "heading": "The ethics of colour and correction",
                "paragraphs": [
                    (
                        "Colour presents the most delicate problems. Many silent films were "
                        "*tinted* or *toned*, bathed in amber for interiors, blue for night and "
                        "rose for romance, or stencilled by hand frame by frame. Those colours "
                        "fade unevenly, and the dyes may have shifted in ways that mislead the "
                        "eye. Restorers consult written records, surviving fragments and "
                        "comparison prints to decide what the original palette might have been. "
                        "The best restorations [publish their "
                        "reasoning](https://example.org/restoration-notes), making clear where "
                        "evidence ends and informed judgement begins."
                    ),
                    (
                        "The same caution applies to cleaning the image. Software can remove "
                        "dust and scratches almost completely, stabilise jittering frames and "
                        "even invent missing detail. Used aggressively, these tools produce "
                        "pictures that look uncannily smooth, as if shot last week on a digital "
                        "camera. Most archives now favour a restrained approach: remove damage "
                        "that the original audience would never have seen, but preserve grain, "
                        "softness and the characteristic texture of the stock. A restored film "
                        "should look old in the right way."
                    ),
                ],
            },
            {
                "heading": "Why the fragile originals still matter",
                "paragraphs": [
                    (
                        "Once a nitrate print has been scanned, there is a temptation to regard "
                        "the original as redundant. Archivists resist this strongly. Scanning "
                        "technology will improve, and a future machine may recover information "
                        "from the same frames that today's cannot. The physical print also "
                        "carries evidence that no file records: edge codes, laboratory marks, "
                        "handwritten notes on leaders, traces of the projectionists who threaded "
                        "it. Keeping the nitrate in proper storage, for as long as it remains "
                        "stable, leaves room for questions nobody has yet thought to ask."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "script-supervisor-continuity",
        "title": (
            "The Keeper of Continuity: In Defence of the Script Supervisor's Quiet Authority on Set"
        ),
        "standfirst": (
            "Often mistaken for a note-taker, the script supervisor holds a film's internal "
            "logic together across weeks of fragmented shooting, and the editors, directors and "
            "cinematographers who rely on them know how much depends on that vigilance."
        ),
        "category": "craft",
        "authors": ["perpetua-lanternwick"],
        "tags": ["production", "editing", "cinematography"],
        "published": "2025-05-19 09:00",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "Films are almost never shot in order. A conversation that lasts three "
                        "minutes on screen may be filmed over two days, from four angles, with a "
                        "lunch break and a change of weather in the middle. Someone has to "
                        "remember which hand held the cup, how far the candle had burned, "
                        "whether the actor said the line with or without the hesitation the "
                        "director liked in take six. That someone is the script supervisor, and "
                        "the job is far stranger and more demanding than its modest title "
                        "suggests."
                    ),
                    (
                        "Continuity is the part of the role outsiders notice, usually when it "
                        "fails: the cigarette that grows longer between shots, the coat that "
                        "changes its buttons. But continuity in the narrow sense is only the "
                        "surface. A good script supervisor tracks screen direction, eyelines and "
                        "the geography of a scene, warning the director when a planned shot will "
                        "cross the line and confuse the audience about who is looking at whom. "
                        "They also time scenes as they are performed, giving producers early "
                        "warning if the film is running long."
                    ),
                    (
                        "Above all, they write. The daily report and lined script produced by "
                        "the supervisor become the editor's map of the material: which takes "
                        "were printed, which were favoured, where a performance shifted, which "
                        "lines were improvised and which were dropped. Editors routinely "
                        "describe these notes as the most valuable document they receive from "
                        "set. A cutting room working without them can lose days reconstructing "
                        "decisions that were obvious in the moment and invisible afterwards."
                    ),
                    (
                        "The role also demands a peculiar kind of diplomacy. A script supervisor "
                        "must interrupt powerful people to tell them something they do not want "
                        "to hear, often just as a difficult take has finally worked. Doing so "
                        "tactfully, at the right moment and with the right degree of certainty, "
                        "is a skill that takes years to develop. Many in the profession describe "
                        "themselves as the director's memory and the editor's advocate, standing "
                        "between the pressure of the schedule and the needs of the finished "
                        "film."
                    ),
                    (
                        "Digital production has changed the tools but not the substance. Tablets "
                        "have replaced typewriters, and monitors allow instant playback of a "
                        "previous take. Yet more footage means more to track, and the ease of "
                        "running several cameras at once has multiplied the permutations. "
                        "Productions that cut the role to save money tend to discover the cost "
                        "later, in reshoots and awkward edits. The script supervisor's authority "
                        "is quiet, but a film made without it is noticeably louder in all the "
                        "wrong places."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "nordic-co-production-funds",
        "title": (
            "Money Across Borders: Nordic Co-Production Funds and the Shape of Scandinavian Films"
        ),
        "standfirst": (
            "Regional funding schemes have made cross-border partnerships routine in the Nordic "
            "countries, and the rules that govern them quietly influence casting, locations, "
            "languages and even the kinds of stories that reach cinemas and television."
        ),
        "category": "industry",
        "authors": ["teodor-brambleton"],
        "tags": ["co-production", "nordic cinema", "distribution", "production"],
        "published": "2025-06-30 14:00",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "Watch the opening credits of a recent Scandinavian feature and count "
                        "the logos. A Danish production company, a Swedish partner, a Norwegian "
                        "regional fund, a Finnish broadcaster, a pan-Nordic body, perhaps a "
                        "German or Icelandic minority co-producer for good measure. To casual "
                        "viewers the parade is an irritation. To anyone interested in how films "
                        "get made in small countries, it is a compressed history of the "
                        "financing structures that allow ambitious work to exist in markets of a "
                        "few million people each."
                    ),
                    (
                        "The logic is straightforward. No single Nordic country has a domestic "
                        "audience large enough to recoup the cost of a serious feature through "
                        "ticket sales. Public funding fills much of the gap, but national film "
                        "institutes have finite budgets and many applicants. Co-production "
                        "allows a project to draw on several national pots at once, with each "
                        "partner contributing money and receiving rights in its own territory. "
                        "Regional bodies add top-up financing for projects with clear "
                        "cross-border potential, rewarding films that can travel."
                    ),
                ],
            },
            {
                "heading": "How the funding rules help write the script",
                "paragraphs": [
                    (
                        "Money, however, is never neutral. Most schemes require that a "
                        "proportion of the budget be spent in the contributing country, or that "
                        "key creative roles be filled by its residents. Producers therefore "
                        "assemble crews and locations with an eye on eligibility as well as "
                        "artistic fit. A story set entirely in Copenhagen may acquire a Swedish "
                        "subplot; an editor may be chosen partly for her passport. None of this "
                        "is scandalous, and the best filmmakers turn constraints into texture, "
                        "but it shapes the films in ways audiences rarely see."
                    ),
                    (
                        "Language is the subtlest example. Danish, Swedish and Norwegian are "
                        "close enough that characters can sometimes converse across them, a "
                        "convention Nordic audiences accept and outsiders find charming or "
                        "baffling. Co-productions have made this mixed-language world more "
                        "common on screen, and some of the region's most interesting television "
                        "has built entire premises around it: a crime straddling a bridge, a "
                        "family split across a border. Financing structures have, in effect, "
                        "helped create a recognisable Nordic cinematic geography."
                    ),
                ],
            },
            {
                "heading": "The risk of the safe middle ground",
                "paragraphs": [
                    (
                        "Critics within the region worry that the system rewards consensus. A "
                        "project must satisfy several funding committees, each with its own "
                        "priorities and sensitivities. The easiest films to finance are those "
                        "that offend no one: handsome, competent, humane and sometimes "
                        "indistinguishable. Directors with stranger ideas complain of being "
                        "asked to sand down edges so that a third partner can sign on. The "
                        "result, at worst, is a well-upholstered middle ground that travels to "
                        "festivals but excites nobody."
                    ),
                    (
                        "Defenders of the model point out that it has also sustained exactly the "
                        "opposite kind of film. Without cross-border funding, several of the "
                        "region's most uncompromising auteurs would have struggled to work at "
                        "all, and small production companies in Iceland or the Faroe Islands "
                        "would have little access to serious budgets. The mechanism is neutral; "
                        "the question is what funders choose to reward. Several bodies have "
                        "responded with dedicated strands for first features and formally "
                        "adventurous projects, accepting higher risk in exchange for renewal."
                    ),
                ],
            },
            {
                "heading": "What other small-language regions are borrowing",
                "paragraphs": [
                    (
                        "Other small-language regions watch these arrangements closely. Baltic, "
                        "Balkan and Central European producers have built similar partnerships, "
                        "sometimes explicitly modelled on the Nordic example. The lesson they "
                        "draw is not that co-production guarantees quality, but that a stable, "
                        "transparent system allows producers to plan careers rather than single "
                        "projects. Distribution benefits too, since films with several national "
                        "partners begin life with several domestic releases already built in. "
                        "The logos in the credits, it turns out, are also promises of an "
                        "audience."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "korean-genre-cinema-domestic-heart",
        "title": "Rain, Knives and Rice Cookers: The Domestic Heart of Korean Genre Cinema",
        "standfirst": (
            "Behind the chases, monsters and revenge plots that made Korean genre films "
            "internationally famous lies a stubborn fascination with kitchens, family tables and "
            "cramped apartments, where class anxieties and moral bargains are played out."
        ),
        "category": "national-cinemas",
        "authors": ["osric-tallowmere"],
        "tags": ["korean cinema", "genre cinema", "audiences", "film criticism"],
        "published": "2025-08-12 10:30",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "Ask an international viewer to describe Korean genre cinema and they "
                        "will probably mention violence: hammer fights in corridors, killers in "
                        "rain-soaked fields, the undead on trains. The reputation is earned. "
                        "Since the late 1990s, Korean studios have produced a remarkable run of "
                        "thrillers, horror films and crime dramas that combine technical polish "
                        "with a willingness to go further than their Hollywood equivalents. But "
                        "the violence is rarely the centre of these films. Look closely and the "
                        "centre is usually a home."
                    ),
                    (
                        "The kitchen, in particular, recurs with almost comic persistence. "
                        "Characters plot over instant noodles, confess over soju at folding "
                        "tables, hide evidence in refrigerators packed with side dishes. Meals "
                        "punctuate the most brutal narratives, and a scene of a family eating "
                        "together can carry more menace than any knife fight. This is not just "
                        "realism. Food in these films is a measure of status, obligation and "
                        "belonging, and the question of who cooks for whom is often the real "
                        "plot beneath the genre plot."
                    ),
                ],
            },
            {
                "heading": "Architecture as a form of social diagnosis",
                "paragraphs": [
                    (
                        "Korean filmmakers have become extraordinarily precise about domestic "
                        "space. Semi-basement flats with windows at pavement level, rooftop "
                        "extensions, identical tower-block apartments, sprawling modernist "
                        "houses with hidden rooms: each signals a position in a steep social "
                        "hierarchy. Production designers treat these spaces as arguments. "
                        "Staircases become lines of class, and the movement of characters up and "
                        "down them tells the story of mobility, or its impossibility, more "
                        "clearly than any dialogue could."
                    ),
                    (
                        "This attention to architecture connects genre cinema to wider anxieties "
                        "in a society that modernised at astonishing speed. Housing costs, "
                        "educational competition and the pressure to maintain appearances all "
                        "surface in these films, often obliquely. A ghost story may really be "
                        "about debt; a kidnapping thriller about the humiliations of precarious "
                        "work. Local audiences read these subtexts instantly, which partly "
                        "explains why films that look like pure entertainment abroad can provoke "
                        "intense debate at home."
                    ),
                ],
            },
            {
                "heading": "Why the formula travels so well",
                "paragraphs": [
                    (
                        "The international success of Korean genre films is often explained "
                        "through industrial factors: strong domestic box office, screen quotas "
                        "in earlier decades, large conglomerates investing in both production "
                        "and distribution. Those factors matter, but they do not explain why the "
                        "films feel so specific. Critics have been slower to credit the writing, "
                        "which layers family melodrama, social satire and genre mechanics with "
                        "unusual confidence. The films trust viewers to laugh, weep and flinch "
                        "within the same scene."
                    ),
                    (
                        "Perhaps that is the real lesson for other industries hoping to "
                        "replicate the phenomenon. Genre is not a neutral container into which "
                        "local colour can be poured. It works best when it grows from lived "
                        "detail, from the smell of a particular stairwell and the sound of a "
                        "rice cooker clicking off in the next room. Korean filmmakers understood "
                        "that their audiences wanted spectacle rooted in recognisable lives. The "
                        "rest of the world, it turned out, wanted exactly the same thing."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "sound-design-documentary-ethics",
        "title": "Listening to the Real: Sound Design and the Ethics of Documentary Truth",
        "standfirst": (
            "Documentary soundtracks are rarely as raw as they seem; editors and designers "
            "layer, clean and sometimes invent sound, and the choices they make raise questions "
            "about honesty that the genre's visual debates have long overshadowed."
        ),
        "category": "craft",
        "authors": ["perpetua-lanternwick"],
        "tags": ["sound design", "documentary", "editing", "production"],
        "published": "2025-09-25 16:45",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "Debates about documentary ethics usually concern images. Was the scene "
                        "staged? Did the subject know the camera was there? Has the edit "
                        "distorted the sequence of events? Far less attention is paid to the "
                        "soundtrack, even though audiences absorb it with fewer defences. We are "
                        "trained to scrutinise pictures; we tend simply to believe what we hear. "
                        "That asymmetry gives sound designers in documentary a quiet power, and "
                        "a responsibility that the field has only recently begun to discuss "
                        "openly."
                    ),
                    (
                        "The reality of location recording is messy. Microphones catch traffic, "
                        "generators, wind, overlapping conversations and the rustle of the crew. "
                        "A scene that felt intimate in person may be barely intelligible on "
                        "playback. Post-production routinely cleans dialogue, reduces noise and "
                        "rebuilds backgrounds from separately recorded ambience. Most viewers "
                        "would accept these steps as necessary, in the same way they accept "
                        "colour correction. The difficulty lies in where cleaning ends and "
                        "construction begins, a boundary rarely fixed in advance."
                    ),
                ],
            },
            {
                "heading": "Building a world from fragments of sound",
                "paragraphs": [
                    (
                        "Consider a nature sequence shot with a long lens from half a kilometre "
                        "away. No microphone could capture a bird landing on a branch at that "
                        "distance, so the sound is created later, often by a Foley artist in a "
                        "studio. Wildlife documentaries have used such techniques for decades, "
                        "mostly without comment. Observational films about people face similar "
                        "gaps: a conversation glimpsed through a window, a crowd filmed from a "
                        "rooftop. Designers fill these silences with plausible sound, and "
                        "plausibility can easily slide into invention."
                    ),
                    (
                        "The most thoughtful practitioners distinguish between sound that "
                        "clarifies and sound that editorialises. Adding the hum of a "
                        "refrigerator to a kitchen scene recorded beside a noisy street may "
                        "simply restore what the room actually sounded like. Adding an ominous "
                        "low drone beneath an interview with a politician is a different matter: "
                        "it tells the audience how to feel about the speaker while remaining "
                        "almost undetectable as commentary. Music has always done this openly. "
                        "Designed ambience does it *in disguise*."
                    ),
                ],
            },
            {
                "heading": "Toward an honest soundtrack",
                "paragraphs": [
                    (
                        "Some filmmakers now address the issue directly. A few include notes in "
                        "their credits describing which sounds were recorded on location and "
                        "which were added, and one collective has drafted [voluntary "
                        "guidelines](https://example.org/documentary-sound-notes) for the "
                        "practice. Others build the artifice into the film, letting the audience "
                        "hear the boom operator or the gaps where no recording exists. "
                        "Broadcasters have been slow to develop standards, partly because sound "
                        "is technical and hard to audit. Yet the question is not technical at "
                        "all. It concerns the promise a documentary makes to its viewers."
                    ),
                    (
                        "None of this means documentary sound should be left rough for the sake "
                        "of purity. A badly mixed film can misrepresent its subjects as "
                        "effectively as a manipulative one, burying their words under noise or "
                        "making them sound harsher than they were. The goal is fidelity to "
                        "experience rather than fidelity to a microphone. That standard is "
                        "harder to define, but it asks the right question: not whether every "
                        "sound was captured on the day, but whether the soundtrack tells the "
                        "truth about the place and the people it claims to represent."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "subtitling-translation-films-we-have-seen",
        "title": (
            "Between the Lines: Subtitling, Translation and the Films We Believe We Have Seen"
        ),
        "standfirst": (
            "Subtitles shape how international audiences understand a film's humour, rhythm and "
            "meaning, yet the translators who write them work under tight deadlines and low "
            "fees, a tension sharpened by streaming platforms' appetite for rapid multilingual "
            "releases."
        ),
        "category": "industry",
        "authors": ["teodor-brambleton", "amara-quillfeather"],
        "tags": ["subtitling", "korean cinema", "sound design", "streaming", "distribution"],
        "published": "2025-11-06 09:20",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "Most viewers who have loved a foreign-language film have, in a literal "
                        "sense, read it. Their experience of the dialogue, the jokes and the "
                        "emotional turns of the story passed through a few thousand short lines "
                        "of text written by someone whose name appears, if at all, in the final "
                        "seconds of the credits. Subtitling is one of the most consequential and "
                        "least discussed crafts in film culture. It determines what crosses a "
                        "border intact and what is quietly left behind."
                    ),
                    (
                        "The constraints are severe. A subtitle typically allows around forty "
                        "characters per line and two lines at a time, displayed long enough to "
                        "be read without pulling the eye away from the image. Spoken language "
                        "runs faster than that. Translators therefore condense constantly, "
                        "deciding which words carry meaning and which can be sacrificed. "
                        "Honorifics, dialect, wordplay and the rhythm of interruption are often "
                        "the first casualties. The result is closer to adaptation than to "
                        "translation in the dictionary sense."
                    ),
                ],
            },
            {
                "heading": "What gets lost, and what can be saved",
                "paragraphs": [
                    (
                        "Korean cinema offers a vivid example. Korean speech encodes "
                        "relationships through levels of formality and forms of address, so that "
                        "shifting from one register to another can signal intimacy, contempt or "
                        "sudden danger. English has no equivalent grammatical system. A skilled "
                        "subtitler may convey the shift through word choice, a change in how "
                        "characters name each other or a sudden bluntness, but much of the "
                        "texture disappears. Viewers abroad may therefore miss exactly the "
                        "moments that local audiences experience as turning points."
                    ),
                    (
                        "Subtitles for deaf and hard-of-hearing viewers raise a further set of "
                        "choices. Here the translator must describe sound as well as speech: "
                        "music, off-screen noises, the tone in which a line is delivered. "
                        "Describing a cue as *tense strings* rather than simply *music* shapes "
                        "interpretation, and decisions about which sounds to mention reflect a "
                        "reading of the film. The best accessible subtitles are written in "
                        "dialogue with the sound design, treating the soundtrack as part of the "
                        "text rather than an afterthought."
                    ),
                ],
            },
            {
                "heading": "The economics of speed on streaming platforms",
                "paragraphs": [
                    (
                        "Streaming has transformed the volume of subtitling work and, in many "
                        "cases, its conditions. Platforms releasing series simultaneously in "
                        "dozens of languages need translations quickly and cheaply. Work is "
                        "often outsourced through intermediary agencies, broken into fragments "
                        "and assigned to translators who never see the whole programme. Some "
                        "companies supply machine-translated drafts for human editors to correct "
                        "at reduced rates. Professional associations report falling fees and "
                        "tighter deadlines, and complain that quality control checks timing "
                        "rather than meaning."
                    ),
                    (
                        "Independent distributors and festivals tend to work differently, "
                        "commissioning translators for individual films and sometimes involving "
                        "directors in the process. The contrast is instructive. When a "
                        "translator has time to watch a film repeatedly, consult its makers and "
                        "revise, the subtitles become a considered interpretation. When the same "
                        "work is done in a few hours against a template, the film that reaches "
                        "viewers is subtly flattened. Audiences rarely know which version they "
                        "have seen, or that there was a choice to be made."
                    ),
                ],
            },
            {
                "heading": "Naming the invisible author",
                "paragraphs": [
                    (
                        "A modest reform would be to credit subtitlers prominently and "
                        "consistently, as some countries already require. Visibility brings "
                        "accountability in both directions: translators gain recognition, and "
                        "viewers gain a sense that the words on screen were written by a person "
                        "making decisions. Criticism could follow, with reviewers noting when "
                        "subtitles illuminate or obscure a performance. If we accept that a "
                        "film's meaning depends on its translation, then translation deserves "
                        "the same scrutiny we give to every other part of the craft."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "small-town-film-societies",
        "title": (
            "Folding Chairs and Fourteen Members: The Stubborn Life of Small-Town Film Societies"
        ),
        "standfirst": (
            "Far from festival capitals, volunteer-run film societies in church halls and "
            "libraries keep alive a tradition of communal viewing, careful programming and "
            "unhurried discussion that larger institutions have struggled to sustain."
        ),
        "category": "festivals",
        "authors": [],
        "tags": ["audiences", "programming", "film criticism"],
        "published": "2025-12-15 12:00",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "On the second Thursday of each month, in a parish hall that smells "
                        "faintly of floor polish and instant coffee, a dozen or so people "
                        "arrange folding chairs in front of a portable screen. Someone checks "
                        "the projector; someone else collects a small fee in a biscuit tin. The "
                        "film might be a silent comedy, a recent festival prize-winner or a "
                        "half-forgotten melodrama from the 1950s. Scenes like this take place in "
                        "hundreds of small towns, and together they form one of the most "
                        "resilient and least studied parts of film culture."
                    ),
                    (
                        "Film societies have a long history, emerging in the interwar years as a "
                        "way for enthusiasts to watch work that commercial cinemas would not "
                        "show, and flourishing after the Second World War in towns with no "
                        "arthouse venue. Their fortunes have risen and fallen with technology. "
                        "Home video seemed to threaten them, then streaming did. Yet many have "
                        "survived, and some report growing membership. The reason appears to be "
                        "that the societies were never really selling access to films. They were "
                        "selling company and conversation."
                    ),
                    (
                        "Programming in a small society is an intimate negotiation. The "
                        "committee must balance the member who wants nothing but Japanese "
                        "classics against the one who only attends for musicals, and both "
                        "against the budget for screening licences. The best programmers give a "
                        "season a shape: a thread of films about rivers, a month of first "
                        "features, a double bill pairing an old film with its remake. "
                        "Introductions are often brief and handwritten, yet they can be more "
                        "thoughtful than the publicity materials of commercial distributors."
                    ),
                    (
                        "Discussion afterwards is the real event. Unlike a formal "
                        "question-and-answer session, there is no guest to please and no "
                        "reputation at stake. A retired teacher may connect a Polish drama to "
                        "her own childhood; a teenager dragged along by a parent may deliver the "
                        "sharpest observation of the evening. This is film criticism in its most "
                        "democratic form, rooted in attention rather than expertise, and it "
                        "keeps alive the idea that watching films is something done with others "
                        "rather than alone."
                    ),
                    (
                        "Distributors and national film bodies could do more to support these "
                        "groups, through simpler licensing, shared equipment and touring "
                        "programmes of restored work. Some already do, and the return on such "
                        "modest investment is considerable. Small societies build audiences who "
                        "will later seek out difficult films in cities and at festivals. More "
                        "importantly, they preserve a practice that no recommendation algorithm "
                        "can replicate: a room of neighbours choosing, watching and arguing "
                        "about a film together."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "critic-at-the-festival",
        "title": (
            "The Critic at the Festival: Writing Quickly About Films That Ask to Be Lived With"
        ),
        "standfirst": (
            "Festival coverage demands instant verdicts on films that may take years to "
            "understand, and critics caught between publication deadlines, embargoes and "
            "subtitled press screenings are rethinking what a first response should try to do."
        ),
        "category": "festivals",
        "authors": ["amara-quillfeather"],
        "tags": ["film criticism", "film festivals", "programming", "subtitling"],
        "published": "2026-02-09 08:00",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "A critic at a major festival might watch four or five films a day for "
                        "ten days, writing between screenings on a laptop balanced on one knee "
                        "in a crowded press room. Some of those films will be slight and easy to "
                        "assess. Others will be dense, strange, possibly great, and they will "
                        "demand a verdict within hours. The review published that night may "
                        "shape a film's sales, its awards prospects and its reputation for "
                        "years. It is an odd way to meet a work of art."
                    ),
                    (
                        "The pressures are structural. Publications want coverage while a "
                        "festival is in the news, and readers expect a star rating or a clear "
                        "recommendation. Embargoes dictate the precise minute at which reviews "
                        "may appear. Press screenings are scheduled early, often before the "
                        "public premiere, and many films arrive with provisional subtitles that "
                        "are incomplete, mistimed or machine-translated. Critics find themselves "
                        "judging rhythm and performance through a layer of text they know to be "
                        "unreliable."
                    ),
                    (
                        "Many writers respond by treating the festival review as a dispatch "
                        "rather than a judgement. The *first response* can describe, "
                        "contextualise and register an experience without pretending to be "
                        "final. It can note what a film attempts, where it seems to falter and "
                        "which questions it leaves open. Readers, in turn, can learn to read "
                        "such pieces as provisional: a report from the front rather than an "
                        "entry in the history books. Some critics now return to festival films "
                        "months later, publishing second thoughts alongside their original "
                        "notices."
                    ),
                    (
                        "Programmers have a stake in this too. A festival's reputation depends "
                        "on discoveries, and discoveries depend on critics willing to champion "
                        "difficult work under pressure. Sections devoted to experimental or slow "
                        "cinema can be buried by a single dismissive paragraph written at "
                        "midnight by someone awake since six. Several festivals have "
                        "experimented with later press screenings, critics' workshops and "
                        "dedicated writing spaces. Such gestures matter, because they "
                        "acknowledge that criticism is part of the ecosystem rather than its "
                        "weather."
                    ),
                    (
                        "Yet there is something worth defending in the festival review, haste "
                        "and all. It captures the shock of first contact, before consensus forms "
                        "and before marketing campaigns tell audiences what to think. Some of "
                        "the most valuable criticism in the history of the form was written in "
                        "exactly these conditions, by people who recognised something new and "
                        "found words for it overnight. The aim should not be to abolish speed, "
                        "but to practise it **honestly**: to say what one saw, and to leave room "
                        "for seeing more."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "colour-grading-nordic-light",
        "title": (
            "Grading the Northern Light: A Colourist's Craft Between the Camera and the Final Image"
        ),
        "standfirst": (
            "Colour grading has moved from a technical afterthought to one of cinema's most "
            "powerful expressive tools, and nowhere are its choices more delicate than in Nordic "
            "films built around low sun, long dusk and winter darkness."
        ),
        "category": "craft",
        "authors": ["perpetua-lanternwick", "osric-tallowmere"],
        "tags": ["colour", "cinematography", "nordic cinema", "production"],
        "published": "2026-03-27 13:10",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "In a darkened suite with grey walls and a calibrated monitor, a "
                        "colourist and a cinematographer sit watching the same shot for the "
                        "fortieth time. A woman walks along a fjord at what the script calls "
                        "late afternoon, though in December at that latitude late afternoon "
                        "barely exists. The question on the table is how blue the snow should "
                        "be. Too warm and the scene lies about the season; too cold and it tips "
                        "into melodrama. Decisions like this, made shot by shot over weeks, "
                        "determine what a film finally looks like."
                    ),
                    (
                        "Colour grading was once a laboratory process, adjusting printer lights "
                        "to balance exposure between shots. Digital intermediates and then fully "
                        "digital production turned it into something far more flexible. A "
                        "colourist can now isolate a face, a sky or a single coat and shift its "
                        "hue, brightness and saturation independently. The power is enormous, "
                        "and so is the temptation. A generation of films graded toward the same "
                        "teal shadows and orange skin tones demonstrated how quickly flexibility "
                        "can produce uniformity."
                    ),
                ],
            },
            {
                "heading": "Working with the cinematographer's intentions",
                "paragraphs": [
                    (
                        "The best colourists insist that grading begins long before "
                        "post-production. They talk to cinematographers during preparation, test "
                        "lenses and camera settings together, and build viewing looks that can "
                        "be monitored on set. This lets the camera team light with the final "
                        "image in mind rather than hoping for rescue later. When a film is shot "
                        "by one person and graded by another without such conversation, the "
                        "result often feels negotiated rather than designed, as if two people "
                        "were quietly arguing across every cut."
                    ),
                    (
                        "Northern light makes these collaborations especially delicate. Nordic "
                        "cinematographers often work with extremely low sun angles, long "
                        "twilight and short winter days, which produce soft, directional "
                        "illumination that shifts subtly from minute to minute. Continuity "
                        "becomes a serious problem: a scene shot over a whole day may drift from "
                        "pale gold to deep blue. Colourists must smooth these transitions "
                        "without erasing the sense of time passing, preserving the particular "
                        "quality of light that makes the region's films so instantly "
                        "recognisable."
                    ),
                ],
            },
            {
                "heading": "Restraint as a form of authorship",
                "paragraphs": [
                    (
                        "Many of the most admired Nordic films are notable for what their "
                        "grading refuses to do. Skin tones remain slightly pale, greens muted, "
                        "skies close to white. The palette can seem austere on first viewing, "
                        "but it creates a world in which small accents carry great weight: a red "
                        "hat, a lit window, the yellow of a kitchen lamp. Restraint, in this "
                        "sense, is not an absence of style but a way of concentrating attention, "
                        "letting colour do dramatic work rather than decorative work."
                    ),
                    (
                        "Production realities complicate the ideal. Grading time is expensive, "
                        "and it is often squeezed when a schedule overruns. Films destined for "
                        "streaming must be delivered in multiple formats, including high dynamic "
                        "range versions that behave very differently from a cinema projection. "
                        "Colourists report spending as much time managing deliverables as making "
                        "creative choices. Producers who treat the grade as a final technical "
                        "step, rather than as part of the film's authorship, tend to get images "
                        "that are correct without being expressive."
                    ),
                ],
            },
            {
                "heading": "Learning to see the grade",
                "paragraphs": [
                    (
                        "For viewers, grading is mostly invisible, and perhaps it should be. But "
                        "learning to notice it enriches watching. Compare the same location in "
                        "two films from different decades, or the theatrical and television "
                        "versions of a single title, and the choices come into focus. A "
                        "colourist's name in the credits is a reminder that every image we see "
                        "has been shaped twice: once by the light on the day, and once in a "
                        "quiet room where someone decided what that light should mean."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "festival-programming-art-of-sequence",
        "title": (
            "Thousands of Submissions, Forty Slots: Inside the Quiet Art of Festival Programming"
        ),
        "standfirst": (
            "Festival programmers sift thousands of films to build a few dozen screenings, and "
            "the decisions they make about selection, sequence and context shape which "
            "documentaries and features reach audiences and which vanish after a single viewing."
        ),
        "category": "festivals",
        "authors": ["amara-quillfeather"],
        "tags": ["programming", "film festivals", "documentary", "audiences"],
        "published": "2026-05-14 10:00",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "Every programmer knows the feeling of the screener queue in late "
                        "spring: a list of links stretching down the page, each a film someone "
                        "spent years making, each deserving careful attention and most destined "
                        "for a polite rejection. A mid-sized documentary festival may receive "
                        "several thousand submissions for a few dozen slots. The arithmetic is "
                        "brutal, and the people doing the selecting are acutely aware of it. "
                        "What outsiders imagine as a glamorous job is mostly solitary viewing, "
                        "note-taking and difficult conversation."
                    ),
                    (
                        "Selection is only the beginning. A programme is **not a list of good "
                        "films** but a structure, with its own rhythms, contrasts and "
                        "conversations. Programmers think about which films will share a "
                        "section, how a heavy documentary about war might sit beside a lighter "
                        "portrait, which titles will anchor weekend evenings and which will find "
                        "their audience on a Tuesday afternoon. The published catalogue presents "
                        "the result as natural. It is in fact the product of hundreds of small, "
                        "argued decisions."
                    ),
                ],
            },
            {
                "heading": "How a selection committee actually works",
                "paragraphs": [
                    (
                        "Practices vary widely. Some festivals rely on a single artistic "
                        "director with strong personal taste; others use committees that vote, "
                        "debate and sometimes deadlock. Most combine the two, with pre-selectors "
                        "filtering submissions before senior programmers watch a shortlist. Each "
                        "model has characteristic failings. A single director may become "
                        "predictable; a committee may favour films nobody dislikes over films "
                        "somebody loves. The most effective teams build in mechanisms for "
                        "advocacy, allowing one passionate voice to rescue a divisive film."
                    ),
                    (
                        "Bias is a constant concern. Programmers tend to recognise quality in "
                        "forms they already know, which can disadvantage films from regions or "
                        "traditions unfamiliar to the selection team. Festivals have responded "
                        "by diversifying their committees, consulting regional correspondents "
                        "and tracking the origins of both submissions and selections. These "
                        "efforts can seem bureaucratic, but the data often reveals uncomfortable "
                        "patterns, as one [published audit of selection "
                        "figures](https://example.org/festival-selection-audit) made clear. An "
                        "open festival may still select mostly from a few schools and agents."
                    ),
                ],
            },
            {
                "heading": "Audiences, premieres and the politics of status",
                "paragraphs": [
                    (
                        "The premiere system adds another layer. Larger festivals often demand "
                        "world or international premieres, which forces filmmakers to choose "
                        "between prestigious but crowded events and smaller festivals that might "
                        "give their film more attention. Programmers at mid-sized events spend "
                        "much of their time negotiating with sales agents weighing competing "
                        "offers. A film's festival life can become a strategic campaign, its "
                        "path through the circuit planned more carefully than its release. "
                        "Audiences rarely see these negotiations, but they shape every "
                        "programme."
                    ),
                    (
                        "Against these pressures, many programmers insist on their primary "
                        "loyalty to the audience. That means writing honest introductions, "
                        "resisting the temptation to oversell, and making space for films that "
                        "might not win prizes but will mean something to particular viewers: a "
                        "documentary about a local industry, a debut by a filmmaker from the "
                        "festival's own city. A good programme surprises its audience without "
                        "condescending to it, and trusts viewers to follow it somewhere "
                        "unfamiliar."
                    ),
                ],
            },
            {
                "heading": "The programmer as both critic and host",
                "paragraphs": [
                    (
                        "In the end, programming is a form of criticism carried out through "
                        "arrangement rather than argument. Choosing a film, placing it beside "
                        "another and presenting it to a particular public is a way of saying "
                        "what it is and why it matters. The programmer is also a host, "
                        "responsible for the experience of the room. Those two roles can pull in "
                        "different directions, and the best programmers live with that tension "
                        "rather than resolving it. Their work is invisible when it succeeds, "
                        "which is exactly how they prefer it."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "eastern-european-animation-studios",
        "title": "Puppets, Cut-Outs and Careful Hands: The Animation Studios of Eastern Europe",
        "standfirst": (
            "State-funded animation studios in Prague, Zagreb, Łódź and elsewhere produced some "
            "of the twentieth century's most inventive films, and the survival of their archives "
            "and craftspeople now depends on co-productions and renewed public interest."
        ),
        "category": "national-cinemas",
        "authors": ["osric-tallowmere", "ilse-marrowby"],
        "tags": ["animation", "eastern europe", "co-production", "film archives"],
        "published": "2026-07-02 09:45",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "In the decades after the Second World War, some of the most daring "
                        "films in Europe were made for children, or at least officially for "
                        "children. State studios across the Eastern bloc employed hundreds of "
                        "animators, puppet makers, painters and composers, giving them stable "
                        "salaries and a degree of artistic latitude that live-action directors "
                        "rarely enjoyed. Animation was considered harmless, a minor art for "
                        "young audiences, and that assumption allowed an extraordinary range of "
                        "experiment to flourish under the noses of cultural officials."
                    ),
                    (
                        "The styles varied enormously between countries and even between studios "
                        "in the same city. Czech puppet films developed a tactile, melancholy "
                        "poetry, with carved wooden figures whose fixed faces somehow conveyed "
                        "grief and wonder through posture and light. Croatian animators pursued "
                        "a spare, graphic modernism, alert to contemporary design and often "
                        "laced with absurdist humour. Polish studios moved between gentle "
                        "children's series and dark, allegorical shorts for adults. Soviet "
                        "studios produced everything from lavish fairy tales to films of "
                        "startling abstraction."
                    ),
                ],
            },
            {
                "heading": "A craft economy built on patience",
                "paragraphs": [
                    (
                        "What united these studios was a particular economy of time. Freed from "
                        "commercial pressure to deliver quickly, artists could spend months "
                        "perfecting a few minutes of film. Puppet animators moved figures by "
                        "fractions of a millimetre between frames; cut-out specialists built "
                        "characters from dozens of hinged paper pieces. Studios maintained "
                        "workshops for costumes, sets and props, and skills passed from senior "
                        "staff to apprentices over years. The system was slow and bureaucratic, "
                        "but it produced a depth of craft that is hard to rebuild once lost."
                    ),
                    (
                        "The collapse of state funding after 1989 hit these studios hard. Some "
                        "closed entirely, their buildings sold and their collections scattered. "
                        "Others were privatised, shrank drastically or survived by taking "
                        "commissions for advertisements and foreign television series. Many "
                        "experienced animators left the profession or emigrated. For a time it "
                        "seemed that an entire tradition might disappear, remembered only "
                        "through festival retrospectives and worn video tapes traded among "
                        "enthusiasts."
                    ),
                ],
            },
            {
                "heading": "Archives, co-productions and a second life",
                "paragraphs": [
                    (
                        "The past two decades have brought a partial revival. National film "
                        "archives have begun systematically preserving studio collections, "
                        "including not only films but puppets, drawings, storyboards and "
                        "production documents. Digitised classics now circulate widely, reaching "
                        "audiences who had never heard of the original studios. Exhibitions of "
                        "puppets and sets attract large crowds, revealing how much the physical "
                        "artefacts mean to people who grew up watching the films on television "
                        "on Sunday mornings."
                    ),
                    (
                        "New production increasingly depends on international co-production. A "
                        "contemporary stop-motion feature from the region may combine Czech "
                        "puppet makers, Polish animators, French financing and Belgian "
                        "post-production. These arrangements bring money and distribution, but "
                        "they also pose questions about identity. Can a film assembled across "
                        "five countries still belong to a national tradition? The answer offered "
                        "by the strongest recent work is that traditions live in hands rather "
                        "than passports: in the ways craftspeople carve, sew and move their "
                        "figures, frame by frame."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "streaming-windows-theatrical-release",
        "title": (
            "Forty-Five Days or Forever: Streaming Windows and the Uncertain Future of "
            "Theatrical Release"
        ),
        "standfirst": (
            "The period between a film's cinema opening and its arrival online has shrunk "
            "dramatically, and exhibitors, distributors and filmmakers are still negotiating "
            "what that compression means for mid-budget genre films, independent cinemas and "
            "audiences."
        ),
        "category": "industry",
        "authors": ["teodor-brambleton"],
        "tags": ["streaming", "distribution", "audiences", "genre cinema"],
        "published": "2026-09-08 15:30",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "For most of the late twentieth century, the life of a film followed a "
                        "predictable sequence. It opened in cinemas, moved months later to video "
                        "rental, then to pay television, then to free broadcast. Each stage was "
                        "separated by a window, a period of exclusivity that protected the "
                        "previous stage's revenue. The system was rigid and sometimes absurd, "
                        "but it gave everyone in the chain a clear sense of their place. "
                        "Streaming did not abolish this sequence overnight; it wore it down, one "
                        "negotiation at a time."
                    ),
                    (
                        "The shift accelerated sharply when cinemas closed during the pandemic "
                        "and studios experimented with releasing major titles directly online, "
                        "or in both places at once. When theatres reopened, the old windows did "
                        "not fully return. Many markets settled on much shorter periods, "
                        "sometimes little more than a month, with considerable variation by "
                        "country, distributor and film, as a [survey of release windows by "
                        "territory](https://example.org/release-windows-survey) illustrates. "
                        "Some territories retain longer windows through regulation; others have "
                        "become a patchwork of private contracts."
                    ),
                ],
            },
            {
                "heading": "Who gains and who loses from shorter windows",
                "paragraphs": [
                    (
                        "Large studios gain flexibility. They can move a film quickly to a "
                        "platform if it underperforms in cinemas, or hold it back if it becomes "
                        "a hit. Audiences gain convenience, knowing that a film missed in "
                        "theatres will soon be available at home. Exhibitors gain much less. A "
                        "shorter window reduces the urgency of going to the cinema, especially "
                        "for films that are not spectacular events. Independent cinemas, with "
                        "thinner margins and smaller marketing budgets, feel this pressure most "
                        "acutely."
                    ),
                    (
                        "Mid-budget genre films have become a particular casualty. Thrillers, "
                        "horror films, comedies and adult dramas once formed the backbone of "
                        "cinema programming, filling screens between blockbusters and relying on "
                        "word of mouth over several weeks. With short windows, many viewers "
                        "simply wait, and a film that needed time to build an audience finds "
                        "itself online before that audience has formed. Some of these films now "
                        "skip cinemas entirely, which saves money but removes them from public "
                        "conversation almost as soon as they arrive."
                    ),
                ],
            },
            {
                "heading": "The case for the cinema as an event",
                "paragraphs": [
                    (
                        "Exhibitors have responded by reinventing the cinema visit. Premium "
                        "formats, comfortable seating, food and drink, and special events such "
                        "as introductions and anniversary screenings give audiences reasons to "
                        "go out that no living room can replicate. Independent venues in "
                        "particular have leaned into curation, building loyal memberships around "
                        "programming rather than simply new releases. These strategies work, but "
                        "they tend to favour certain films and certain audiences, and they do "
                        "not restore the broad middle ground of ordinary weekly cinemagoing."
                    ),
                    (
                        "Filmmakers are divided. Some welcome the reach that platforms offer, "
                        "particularly for work that would struggle to find theatrical "
                        "distribution at all. Others argue that a film released straight to a "
                        "platform becomes *content* rather than *cinema*: one tile among "
                        "thousands, without reviews, without box office, without the sense of "
                        "occasion that makes people talk. The truth probably lies between the "
                        "extremes. What matters is whether the industry can sustain a variety of "
                        "release strategies, each suited to the film rather than to a single "
                        "corporate model."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "location-scouting-reading-landscape",
        "title": (
            "Reading a Landscape for Story: The Location Scout's Long Search for the Right Place"
        ),
        "standfirst": (
            "Location scouts travel thousands of kilometres to find the streets, houses and "
            "valleys that make a script believable, balancing cinematography, logistics, local "
            "permissions and the needs of international co-productions shooting far from home."
        ),
        "category": "craft",
        "authors": ["osric-tallowmere"],
        "tags": ["production", "cinematography", "co-production", "eastern europe"],
        "published": None,
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "A script might describe a farmhouse at the end of a valley, a border "
                        "crossing at dawn, an apartment block overlooking a shuttered factory. "
                        "Somewhere, those places must be found. The location scout's job is to "
                        "find them, and then to find out whether a crew of sixty, with trucks, "
                        "generators and lighting towers, can actually work there for a week "
                        "without ruining the place or the budget. It is a profession that "
                        "combines an eye for images with the patience of a surveyor and the tact "
                        "of a diplomat."
                    ),
                    (
                        "Scouting begins with reading. A good scout studies the script for mood "
                        "as well as description, asking what a location must do dramatically. "
                        "Does the house need to feel isolated or besieged? Should the street "
                        "suggest fading prosperity, or poverty carried with pride? The answers "
                        "send the scout to archives, satellite maps, estate agents, local "
                        "historians and, above all, to the road. Photographs are taken at "
                        "different times of day, with notes on sun paths, noise, access and the "
                        "neighbours who might object."
                    ),
                    (
                        "Cinematographers rely heavily on this groundwork. Knowing where the sun "
                        "will rise over a particular ridge, or how a narrow street will channel "
                        "afternoon light, allows them to plan shots that would otherwise depend "
                        "on luck. Some scouts produce detailed reports with compass bearings and "
                        "hourly light studies. A location that photographs beautifully at noon "
                        "may be unusable at the hour the schedule demands. The best scouts think "
                        "like camera operators, imagining where the lens will stand and what it "
                        "will see beyond the edge of the frame."
                    ),
                    (
                        "International co-productions have made scouting more complex and more "
                        "interesting. Films increasingly shoot in countries offering tax "
                        "incentives or lower costs, asking one place to stand in for another. A "
                        "Balkan town may play a Central European capital; a Georgian valley may "
                        "serve as an unnamed mountain region in a story set nowhere in "
                        "particular. Scouts working in these conditions must understand local "
                        "permissions, property customs and sensitivities, and must judge whether "
                        "a substitution will convince audiences who know the real place."
                    ),
                    (
                        "The ethics of location work deserve more attention than they receive. A "
                        "production can bring welcome income to a village, but it can also "
                        "disrupt daily life, damage fragile sites or present a community in ways "
                        "its residents find insulting. Experienced scouts often describe their "
                        "role as representing the place to the production as much as the "
                        "production to the place. When that relationship is handled well, a "
                        "location becomes a collaborator rather than a backdrop, and the film "
                        "carries some trace of the people who let it in."
                    ),
                ],
            },
        ],
    },
    {
        "slug": "archival-preservation-what-survives",
        "title": "The Archive Is a Verb: Funding, Access and the Politics of Which Films Survive",
        "standfirst": (
            "Film archives are no longer quiet storerooms but active institutions making costly "
            "choices about digitisation, access and priority, and those choices determine which "
            "documentaries, animations and national histories future audiences will be able to "
            "see."
        ),
        "category": "industry",
        "authors": ["ilse-marrowby"],
        "tags": [
            "film archives",
            "restoration",
            "african cinema",
            "animation",
            "streaming",
            "documentary",
        ],
        "published": "2027-03-01 09:00",
        "sections": [
            {
                "heading": "",
                "paragraphs": [
                    (
                        "It is easy to picture a film archive as a place where things are kept: "
                        "long corridors of cans, cool air, a silence broken only by the hum of "
                        "climate control. That picture is not wrong, but it is incomplete. An "
                        "archive is also a place where decisions are made every day about what "
                        "to repair, what to digitise, what to show and what, regretfully, to "
                        "leave until later. Preservation is not a state but an activity, and "
                        "like any activity it requires money, expertise and a theory of what "
                        "matters."
                    ),
                    (
                        "Those decisions have become more consequential as the volume of "
                        "material grows. Archives hold not only feature films but newsreels, "
                        "amateur footage, advertising, educational films, television programmes "
                        "and the unused material from documentaries. Much of it has never been "
                        "catalogued in detail. Meanwhile, the expectation that everything should "
                        "be available online has raised pressure to digitise quickly. Digital "
                        "files must themselves be migrated to new formats and storage systems "
                        "every few years, creating a preservation burden that never ends."
                    ),
                ],
            },
            {
                "heading": "Choosing what to save first",
                "paragraphs": [
                    (
                        "Prioritisation is therefore unavoidable. Archives typically weigh "
                        "physical condition, cultural significance, uniqueness and likely "
                        "demand. A decaying print of a unique documentary about a local strike "
                        "may jump the queue ahead of a celebrated feature that survives in many "
                        "copies. Yet significance is not self-evident. Past archivists made "
                        "choices that now look narrow, preserving prestigious fiction while "
                        "neglecting amateur films, work by women and minorities, or films from "
                        "colonial territories. Current staff are often trying to correct those "
                        "omissions with budgets never designed for the task."
                    ),
                    (
                        "The situation is particularly acute for African cinema. Many films made "
                        "in the decades after independence survive only in fragile prints held "
                        "abroad, in laboratories or former colonial institutions, while archives "
                        "on the continent have struggled for funding and equipment. Several "
                        "recent partnerships aim to restore key titles and return digital "
                        "copies, along with training and equipment, to institutions in the "
                        "countries where the films were made. Questions of ownership and access "
                        "remain delicate, but the principle that a nation's films should be "
                        "accessible at home is increasingly accepted."
                    ),
                ],
            },
            {
                "heading": "Access in the age of streaming platforms",
                "paragraphs": [
                    (
                        "Streaming platforms have created new routes for archival films to reach "
                        "audiences, and new tensions. Licensing restored titles to platforms can "
                        "generate income that supports further preservation, and curated "
                        "archival services have found loyal audiences. But platforms choose "
                        "titles based on anticipated viewing, which tends to favour famous "
                        "classics over obscure documentaries or regional animation. An archive "
                        "that depends on licensing revenue may find its priorities quietly "
                        "shifting toward whatever is most marketable, rather than whatever is "
                        "most at risk."
                    ),
                    (
                        "Some archives have responded by building their own free or low-cost "
                        "online platforms, presenting material with context: programme notes, "
                        "interviews, scans of production documents. These projects are expensive "
                        "to maintain, but they change the relationship between archive and "
                        "public. Instead of a vault that occasionally opens, the archive becomes "
                        "a publisher with a point of view. It can frame a forgotten educational "
                        "film as social history, or present a sequence of amateur home movies as "
                        "a portrait of a neighbourhood that no longer exists."
                    ),
                ],
            },
            {
                "heading": "Preservation as a shared public responsibility",
                "paragraphs": [
                    (
                        "Ultimately, the survival of film heritage depends on public commitment. "
                        "Archives need stable funding that does not rise and fall with political "
                        "fashion, and they need trained staff, since many specialist skills are "
                        "held by a small and ageing workforce. They also need audiences who "
                        "understand that preservation is never finished. Every film that "
                        "survives into the future does so because someone, at some point, "
                        "decided it was worth the effort. Supporting archives means accepting a "
                        "share in that decision, and in the responsibility it carries."
                    ),
                ],
            },
        ],
    },
]
