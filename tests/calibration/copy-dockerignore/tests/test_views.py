user config alpha config
gamma delta order delta alpha order alpha alpha
user order user index config user beta
total gamma beta total gamma gamma gamma order config gamma user value
value index total delta alpha gamma value config config total
delta value beta order total index render total
beta value render beta order index user delta
gamma order index gamma
render beta total total index total gamma index config render
beta alpha render total
total alpha user delta total beta delta delta alpha gamma render
order index user index render beta alpha total delta beta alpha
render gamma gamma render value total gamma delta index order total
total delta gamma beta delta config total value render order
gamma index index config value user total alpha delta total
order gamma beta render beta delta alpha user index user total
order order config render index beta alpha order user
config index order order gamma user order alpha
render order delta render config user delta
user beta alpha order render total delta gamma user delta render beta
order gamma gamma delta gamma
index user value order render order alpha alpha alpha delta
user delta delta delta gamma render value config
alpha config config beta total index
config delta beta config total config beta
gamma gamma value config gamma total beta user alpha render value total
config user alpha config
user value alpha order beta total index value total delta index config
user order user gamma order config config index index index beta user
user order index total value order config alpha order
delta config index total render gamma delta
alpha gamma user gamma delta user render value index beta
index beta config delta render index
beta render render total user config alpha gamma gamma
value value config delta alpha value user delta
beta config index index
user user value value gamma config beta
total index order order delta delta gamma config user
total alpha delta render
beta alpha alpha config total alpha user total
index gamma index index gamma alpha value
delta render alpha render
total value gamma index beta
total beta total index beta total config
value beta order gamma beta total
alpha render gamma index total gamma render gamma render total total config
render config order delta user order beta alpha index user index render
order user gamma render
gamma value gamma alpha
order user render beta
beta value alpha alpha value index config value value beta total alpha
beta order index delta index index order
delta config beta config
config total beta render render alpha
value delta gamma index index
gamma alpha index index total index render render index beta config delta
delta alpha order beta value value render index
beta order alpha beta alpha index value index gamma gamma beta
render index order value total total gamma beta user total
config beta total user gamma index total user beta gamma alpha
alpha value beta config delta gamma config total gamma alpha alpha user
index total order render index gamma alpha
value beta render total value value index order gamma
delta user delta config total delta total gamma value config
beta index alpha render order config alpha config value beta
total render value user alpha
index beta value index render index delta render total order
alpha total index alpha value
order total alpha gamma config user index value
order user total delta order index total index order
render gamma index alpha gamma total config user beta order render total
delta config user order
gamma render delta beta value value delta render
index render config user alpha total total value beta
user beta config alpha alpha alpha beta index user
render user beta index value delta user alpha index value beta
alpha delta user config beta
value gamma value alpha beta
beta config beta alpha alpha order gamma index
beta config delta alpha user render
user alpha delta value delta config user config
index user index alpha beta value gamma total total beta value
config gamma index render beta config order
gamma value index user delta beta user render user
delta order total render total gamma render total beta delta delta
order user order render value user order beta render delta
beta order gamma value order delta
beta total alpha value value index order config delta value
config alpha order beta
gamma render alpha alpha
config beta config alpha total config total order
config render gamma render
value user config order
gamma total beta beta beta order alpha gamma delta delta
value order order gamma value render config order total gamma gamma index
alpha user config order config config delta
gamma user index user total
index delta delta render order user gamma order beta value
config render render total beta alpha total config gamma alpha
gamma alpha delta user beta user render alpha config beta order
total render config alpha gamma gamma
gamma value alpha config beta index delta beta config delta render config
user user index index value delta beta gamma value
index user alpha total
config gamma config render total
config index index beta beta config config index gamma delta gamma
beta beta gamma delta alpha
alpha config user delta order user
alpha order value render total beta
config beta total index delta
order index order config beta beta user delta config alpha value index
gamma beta config config total delta value delta
alpha config index alpha config beta render user value gamma
order config value beta order
total delta config value value user delta gamma total user value
total index config user alpha
beta gamma config user gamma
alpha render index gamma index alpha total delta config render delta
render config gamma value order user value render beta render
value alpha order order total alpha delta value gamma order
render beta config user user gamma gamma
value total delta alpha alpha config beta config value
order render user config
config delta alpha index beta gamma gamma
beta delta gamma beta user alpha
user gamma total user alpha alpha render value user beta alpha
beta beta config index alpha gamma
order beta render total order alpha beta delta
render gamma config render order alpha gamma index
gamma total user total render config
config total beta delta user gamma index value value beta
render alpha delta total alpha alpha value
config value config total
render config gamma order index delta
render order beta value alpha total ord