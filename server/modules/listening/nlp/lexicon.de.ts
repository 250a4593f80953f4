/**
 * German sentiment word list, written for Resonanz (no third-party lexicon: SentiWS and similar
 * lists are licensed for non-commercial use only). Words are folded (ä=ae, ö=oe, ü=ue, ß=ss) and
 * lower case. A trailing `*` marks a stem that matches every word starting with it
 * (`enttaeusch*` → enttäuscht, Enttäuschung); other entries also match their usual
 * inflections (see `lexicon-lookup.ts`). Weights run from -3 to +3.
 */
import type { LanguageLexicon } from './lexicon-types.ts';

const WEIGHTS: Record<string, string> = {
  '3': `wunderbar wunderschoen grossartig fantastisch phantastisch traumhaft herrlich hervorragend genial
    sensationell perfekt ausgezeichnet exzellent grandios ueberragend himmlisch atemberaubend bombastisch
    liebe lieben liebt liebste lieblings* glueckwunsch* gratulation* gratuliere begeistert begeisterung
    fabelhaft famos phaenomenal weltklasse hammer hammergeil megageil supergeil spitze spitzenklasse
    traeumchen juhu juhuu jippie yeah yay hurra`,
  '2': `kein_problem keine_probleme nicht_schlecht nicht_uebel kein_thema prima knorke stark starke erfreut erfreulich amuesant hut_ab daumen_hoch zum_glueck gluecklicherweise geniale genialer gut gute guter gutes guten besser beste bester bestes besten bestens schoen schoener schoenste
    toll super klasse cool geil lecker suess suesse niedlich huebsch gluecklich glueck freude freue freuen freut freude freudig vorfreude froh
    froehlich spass witzig lustig genuss geniessen geniesse entspannt erholsam danke dank dankbar
    vielen_dank bravo respekt stolz gewonnen gewinnt gewinnen sieg siegt siegreich erfolg erfolgreich
    gelungen beeindruckend beeindruckt empfehlenswert empfehle liebevoll herzlich herzlichen willkommen
    gefaellt gefallen gefiel lieb liebsten freundlich sympathisch charmant angenehm wohl wunder bewundere bewundernswert
    hoffnung hoffnungsvoll optimistisch zufrieden zufriedenheit vergnuegen spannend interessant
    yippie wow woohoo jaa jaaa endlich feier feiern feiert party geburtstag happy love awesome good nice
    great best lol haha hahaha hihi hehe juchu  traum traeume traeum suesser knuddel* kuss kuesse
    umarmung gruesse gruss grusse schmunzel* grins* lach lachen gelacht kicher* top hilfreich
    fair fantastische perfekte tolle tollen toller tolles schoenen schoenes schoene`,
  '1': `laessig fett unterhaltsam wertvoll schick edel romantisch hach toi okay ok ordentlich solide brauchbar nett nette netter nettes hoffentlich gern gerne  jep jo
    sicher richtig  stimmt einverstanden zustimmung unterstuetz* hilfe helfen geholfen loesung
    gesund frisch sauber klar ruhig frieden friedlich sonnig sonne  freiheit fortschritt
    chance chancen gewinn vorteil  positiv kreativ innovativ modern schnell einfach_gut
    spannende verbessert verbesserung  entdeckt gemuetlich kuschelig weihnachten urlaub ferien
    wochenende feierabend bereit fit motiviert dankeschoen merci thanks thx`,
  '-1': `lahm oede verpeilt panne unmoeglich unsinn quatsch gelangweilt heftig leider schwierig problem probleme problematisch komisch seltsam merkwuerdig langweilig
    muede muedigkeit anstrengend stress gestresst nervig nerv* teuer kalt regen regnet verpasst
    fehler falsch falsche falscher falsches schade sorge sorgen bedenklich zweifel zweifelhaft
    unsicher kritik kritisch kritisiert fraglich verwirrt verwirrend  egal naja hmm
    krank erkaeltung husten schnupfen spaet verspaetung verspaetet   stau ausfall
    faellt_aus streik mangel fehlt fehlen vermisse vermissen verlust verloren verlieren verliert
    niederlage schwach schwaeche langsam chaos chaotisch pech leer allein einsam kompliziert
    unfair unnoetig unklar unzufrieden skandal* luege luegen gelogen angst aengstlich besorgt
    heul* seufz* oje ojee ohje mist meh sad fail`,
  '-2': `aetzend uebel schrott daemlich bescheuert behindert laecherlich gemein fies haesslich stinkt versaut verkackt pleite flop reinfall schlamassel gruselig schwachsinn heuchler heuchelei verrat verraten schlecht schlechter schlechteste schlimm schlimmer schlimmste traurig trauer enttaeusch*
    aerger aergerlich aergere verärgert veraergert wuetend wut sauer boese hass hasse hassen hasst
    furchtbar schrecklich fuerchterlich grauenhaft grausam mies doof bloed bloede dumm dummheit
    idiot idioten nervt genervt  katastrophal desaster versagt versagen versager
    gescheitert scheitern unfaehig inkompetent ekel* eklig widerlich abstossend unertraeglich
    unverschaemt frech arrogant respektlos frust* frustriert kaputt defekt zerstoert zerstoerung
    gefaehrlich gefahr tod tot tote toten getoetet sterben stirbt gestorben opfer krieg gewalt
    angriff anschlag terror mord mörder moerder betrug betrueger abzocke luegner korrupt korruption
    schmerz schmerzen weh aua autsch kopfschmerzen bauchschmerzen verletzt verletzung elend
    hoffnungslos sinnlos peinlich* schande schaemen blamage ueberfordert verzweifelt verzweiflung
    keine_lust nicht_gut nicht_schoen bah buh pfui igitt dreck dreckig  kotz* wtf shit bad hate`,
  '-3': `bullshit scheisse scheiss scheiß kacke beschissen verdammt verdammte verflucht kotzen zum_kotzen
    hassenswert abscheulich katastroph* horror albtraum alptraum tragisch tragoedie
    entsetzlich entsetzt erbaermlich armselig fuck fucking scheissegal arschloch arschloecher
    vollidiot wichser hurensohn nazi nazis rassist rassisten rassismus menschenverachtend`,
};

export const germanLexicon: LanguageLexicon = {
  weights: WEIGHTS,
  negators: `nicht nich net ned nit kein keine keinen keinem keiner keines keins nie niemals nimmer
    nichts nix niemand weder ohne kaum`,
  // Multipliers for the next sentiment word.
  intensifiers: {
    '1.6': `extrem absolut total voellig komplett unglaublich unfassbar wahnsinnig irre verdammt tierisch
      hoechst aeusserst mega ultra `,
    '1.35': `sehr so soo echt richtig wirklich voll ganz besonders  viel derbe krass`,
    '0.6': `etwas bisschen bissl bisserl leicht eher ziemlich relativ einigermassen halbwegs fast
      wenig teilweise`,
  },
  // Words after these carry the weight of the sentence ("gut, aber teuer").
  contrasts: `aber jedoch doch allerdings trotzdem dennoch sondern`,
  // Stems whose weight a German compound inherits at its end (`Megastau` → `stau`).
  suffixMatch: true,
  // Inflection endings tried when the exact word is not listed.
  endings: ['e', 'en', 'er', 'es', 'em', 'n', 's', 't', 'st', 'ste', 'sten', 'ster', 'stes', 'ere', 'eren'],
};
