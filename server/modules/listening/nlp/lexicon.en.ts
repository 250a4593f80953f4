/**
 * English sentiment word list, written for Resonanz (no third-party lexicon: AFINN is ODbL,
 * others are non-commercial). Lower case; a trailing `*` marks a stem matching every word that
 * starts with it; other entries also match plain inflections (`-s`, `-ed`, `-ing`, `-ly`).
 * Weights run from -3 to +3.
 */
import type { LanguageLexicon } from './lexicon-types.ts';

const WEIGHTS: Record<string, string> = {
  '3': `hilarious stoked honored honoured privileged triumph glorious love loved loving lovely adore adorable amazing awesome fantastic fabulous wonderful brilliant
    excellent outstanding superb perfect incredible magnificent marvelous marvellous phenomenal
    spectacular breathtaking stunning gorgeous beautiful best greatest masterpiece thrilled ecstatic
    overjoyed delighted blessed congrats congratulations congratulate woohoo yay yayy hooray`,
  '2': `no_problem no_problems not_bad no_worries pumped psyched blast delight delightful wonderful cheers cheer admire respect praise treat honor thrill thrilling beat beats gains boost glory enjoyable fascinating hilarious rejoice grin yum good great nice cool fun funny happy happier happiest glad joy joyful enjoy enjoyed enjoying
    excited exciting excite pleased pleasure proud pride grateful thankful thanks thank thx ty
    appreciate appreciated win wins won winner winning victory success successful champion champions
    celebrate celebration party birthday sweet cute pretty lovely charming handsome beauty 
    delicious tasty yummy favorite favourite fav fave recommend impressive impressed inspiring
    inspired inspiration brave hero heroes hope hopeful hopefully optimistic positive smile smiling
    laugh laughing      wow epic legend legendary kind generous friendly
    wise smart clever genius talented stellar solid fresh peace peaceful relax relaxing relaxed
    comfortable comfy welcome welcomed luck lucky fortunate fortune bless blessing paradise heaven
    dream dreams yes yeah yess hell_yeah can't_wait cant_wait looking_forward forward_to support
    supported supporting supportive   rocked rocking dope lit `,
  '1': `rise improving worthy smooth cheerful playful promising progress recovered recovery ok okay fine decent fair alright interesting interested hot lol lmao haha hahaha hehe ready safe easy free clean calm
    healthy strong better improve improved improvement useful helpful help helped helping  
       agree agreed true  sure  worth nicer special fan fans friend friends
    family together holiday holidays weekend vacation christmas fresh sunny sunshine summer
    chance opportunity gift gifts       `,
  '-1': `omg crazy weird creepy stress stressed unable refuse refused reject rejected denied deny ban banned struggle struggling suffer suffering joke clown nonsense smh ffs wth yikes arrested jail prison charged accused suspended suspend controversy controversial poverty hunger defeat defeated eliminated bad_luck sorry unfortunately unfortunate problem problems issue issues trouble difficult hard
    tired sleepy bored boring tough weird strange odd confused confusing lost lose loses losing loss
    miss missed missing wait waiting late delay delayed cancel cancelled canceled cold rain sick ill
    worry worried concern concerned doubt afraid scared nervous anxious risk expensive cheap slow
    wrong mistake fail failed fails failure weak broke poor lonely alone empty meh ugh hmm sigh
    complain complaint blame blamed criticize criticism protest protests unfair unclear
    never_again no_way hell`,
  '-2': `pissed rip mourn mourning grief condolences victims victim riot illegal crime criminal violation insult insulted offensive abuse abused harassment bully bullying damage damaged collapse cheater traitor coward hypocrite hypocrisy sham garbage trash rubbish moron fool scary panic outrage bad worse sad sadly upset unhappy angry anger mad annoyed annoying annoy irritating hate
    hated hates hating dislike disappointed disappointing disappointment frustrated frustrating
    frustration depressed depressing depression cry crying cried tears hurt hurts hurting pain
    painful ugly stupid dumb idiot idiots silly ridiculous pathetic lame sucks suck sucked crap
    crappy shit shitty damn dammit  wtf omfg useless worthless fake liar lies lying lied
    corrupt corruption scandal fraud scam cheat cheated cheating steal stole stolen rob robbed
    crash crashed accident injured injury dead death die died dies dying killed kill kills killing
    murder murdered attack attacks attacked war violence violent terror terrorist terrorists bomb
    bombing shooting  fear terrible awful horrible dreadful nasty gross disgusting rude evil
    dangerous threat threaten threatened guilty shame shameful ashamed embarrassing embarrassed
    racist racism sexist hatred destroy destroyed ruin ruined disaster broken  `,
  '-3': `worst horrific horrendous atrocious abysmal abhorrent despise loathe furious outraged
    heartbroken devastated devastating tragic tragedy nightmare catastrophe catastrophic
    fuck fucking fucked fucker motherfucker bullshit asshole bastard bitch cunt disgraceful
    disgrace massacre genocide slaughter`,
};

export const englishLexicon: LanguageLexicon = {
  weights: WEIGHTS,
  negators: `not no never none nothing nobody nowhere neither nor without cannot cant can't don't dont
    doesn't doesnt didn't didnt isn't isnt wasn't wasnt aren't arent weren't won't wont wouldn't
    wouldnt shouldn't shouldnt couldn't couldnt haven't havent hasn't hasnt hadn't ain't aint hardly
    barely`,
  intensifiers: {
    '1.6': `extremely absolutely completely totally utterly incredibly insanely ridiculously fucking
      freaking frickin effing bloody damn hella super mega ultra`,
    '1.35': `very really so soo truly highly especially most too such way sooo pretty quite deeply
      seriously`,
    '0.6': `slightly somewhat kinda sorta bit little fairly rather almost partly mildly`,
  },
  contrasts: `but however though although yet still`,
  suffixMatch: false,
  endings: ['s', 'es', 'ed', 'd', 'ing', 'ly', 'er', 'est', 'y'],
};
