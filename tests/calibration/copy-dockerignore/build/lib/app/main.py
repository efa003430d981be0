index delta total value value delta value
value order gamma total beta render render
render user render value total render config delta
delta config alpha index value render gamma order beta
user delta beta config
delta index order total
index gamma total beta config total gamma
index index value config
gamma gamma index index gamma value
order order order render order order render alpha gamma
config config config order delta total delta beta render beta alpha beta
gamma total config delta alpha
config value index user
render config delta total index gamma value alpha order
gamma total user config total config
order value total beta value user
beta order total delta delta
beta order delta delta order render user
render alpha order render delta config value index beta
alpha beta beta total index total value index delta user render
render order config order config config
index user alpha index beta alpha value total config
gamma beta config alpha config user order alpha config beta render config
config delta alpha order render delta render config gamma total gamma delta
delta user order index render total user order total
index alpha render delta order total config order index render gamma
index render alpha delta user order alpha
config beta total alpha value user
index user user delta config alpha user render total order alpha
index total value render value order render value alpha gamma delta
alpha beta beta user
delta alpha user beta gamma alpha render beta render render
render config config gamma index beta value value delta delta
config config config order delta alpha order render alpha render
config beta user config delta
total user order alpha total user user total order value
config user user order beta value render beta
render value index total user
total config render index beta alpha alpha value
user order config render alpha order user
beta index user user delta gamma total config alpha
user alpha value gamma alpha config index config user render delta
user render order index delta gamma config total gamma value gamma render
config gamma config gamma value render beta config delta
config gamma alpha alpha config
value render alpha delta beta render total alpha alpha index user
render gamma render index alpha delta value alpha config value value delta
order config alpha index render
user value value config render render gamma user delta beta gamma gamma
total alpha config index alpha index value gamma gamma user
render config beta user gamma beta beta value user total total value
index alpha alpha delta order alpha order render render
index user alpha value index
user gamma order index user config alpha
alpha delta delta total value beta value value gamma order
delta index render render value value user alpha
alpha beta config index
index value gamma user index gamma total config config user
delta user alpha gamma order value beta alpha
delta index total alpha index
user value index index user render user render
index gamma beta config
beta gamma alpha config total order order
delta value alpha alpha config value
value alpha beta delta beta config
gamma alpha delta value order delta total config user user delta user
render delta order alpha
index gamma index value user
order alpha beta gamma alpha render beta alpha gamma order index
render gamma beta order user render order beta
index user alpha config order config gamma delta index index alpha
value total user beta beta delta index order order
alpha value delta render alpha
total order order render total value gamma delta user
total config total total alpha total beta render delta order
delta order gamma index beta
total alpha order total delta total delta alpha index user delta order
index delta render value
index beta user delta config config
order config total user gamma user
value gamma config index config beta beta beta total config alpha
order beta render alpha
alpha alpha user total value alpha total render gamma alpha
order alpha render total alpha config render alpha user delta
index delta beta order order order user alpha alpha gamma value beta
beta config index order user alpha value gamma
order config order index gamma total user render value
config 