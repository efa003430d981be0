user order beta beta order delta gamma total
user user render render config
delta order value index alpha delta order
gamma user beta index gamma beta user gamma gamma order user
value order order beta value alpha
gamma beta value gamma render user order
value beta index render
total alpha value value render beta delta render user beta total value
index delta total user gamma order user beta value
render order render delta config beta value index
config total value config index beta alpha render user alpha
user value user config value delta
config alpha config config index
user user index alpha config value order
alpha order config delta config
render delta order order alpha config gamma index beta
config alpha beta delta render order render value total config value beta
order total beta beta value delta render config
config gamma gamma render
alpha index alpha value order beta user gamma
total alpha order total delta order user alpha index
config total total beta gamma beta index total gamma value
total value beta index config beta beta config total user beta
value render total user beta
beta value config user gamma beta gamma
index value alpha value value delta total index
value value user index beta user gamma order config delta alpha
gamma total config value order user total value index
config order gamma index value config beta index delta total render
value order alpha render beta render value delta delta
order beta user gamma value user index value index beta
gamma order beta total render user gamma
config order gamma user
config index gamma index config render beta delta gamma delta delta
order config beta gamma delta order gamma config config config beta render
beta delta config alpha gamma user render total
render render user gamma render index beta render
render render user gamma
gamma user gamma order beta user gamma user total order
render alpha value config total user delta index
total config config delta total user render order config delta beta
beta order total beta render alpha beta order beta delta config render
gamma alpha total total beta gamma alpha value order
total user user beta value user
beta user config order index delta
value gamma index delta beta
alpha user user beta gamma render render config delta render gamma
gamma value alpha order index order total order order order config gamma
user gamma alpha beta beta
render alpha value alpha gamma gamma order user
alpha config beta delta value
value config config delta config value alpha
render alpha order config user config user
index total delta value gamma delta gamma delta render
index delta config gamma delta total total order render order user
order alpha gamma render delta beta render user
delta total alpha delta user beta beta total user
index delta alpha value user gamma config
beta beta value gamma value total delta config delta
render user order beta index alpha alpha index alpha value
value gamma gamma beta delta
index delta config config gamma gamma
config alpha delta delta gamma total
total index config config beta render gamma
gamma config total alpha beta
config gamma order beta render user user user
user render beta beta total delta alpha beta render total user
gamma config total order beta render
order index config order index index alpha delta gamma index total
index order value user
render gamma alpha gamma
delta alpha alpha delta value index order total beta index
gamma config alpha gamma
alpha config render order user config index render
gamma config gamma order order order value value user
render config index delta total order total gamma index user user
gamma config delta user order value gamma config
total beta total total alpha config index user
index user total value total
total index value render
order total order index alpha beta config index total index alpha
alpha render user index alpha beta
alpha delta order value alpha render delta total
beta value config user alpha beta index index gamma render config total
user config delta total delta index render total gamma total delta render
gamma beta index render delta alpha alpha user
index total order total value total beta total gamma
render render value render render
order render order total gamma total
value value value alpha
index total index delta value config alpha alpha
index delta delta total order beta
user value config index render gamma
total render total beta
config alpha alpha render user order order render index
config beta render delta
index beta alpha beta user alpha index user delta render delta order
delta value config value beta config alpha config render
total user value delta value delta index beta beta value value index
total user total user render order user value alpha user
delta gamma alpha order gamma
user render order config render total
alpha index alpha value
index delta render alpha user
alpha render index order index
value index order delta value total
total order value alpha beta order gamma
alpha order index value alpha value beta
index order beta delta delta index order config total beta
render alpha delta user order value value delta render
beta render index delta
total value delta index value config delta order alpha
render order beta index index total user index total value
value total beta delta render delta order order total total index value
total render delta order beta user order
order value alpha value config value render beta order
delta value render delta value alpha index order alpha delta
beta order config config order index render render total user
user gamma alpha gamma order config user alpha render order
user index config gamma total index total index render
total gamma beta order alpha index index user user index
render config value alpha
alpha render user gamma config
value render gamma config order user user
user config value total
gamma render total order delta delta gamma alpha beta beta
delta render alpha index
order alpha total render
delta order config config config delta index config alpha
order render order user config delta user delta order order config
total config index value gamma gamma
index config order config delta config
index config alpha delta index total alpha
total user order alpha beta
alpha order config index order user value beta beta
alpha order gamma user render alpha total gamma total config
index render delta user
config delta config alpha
render render render alpha alpha config render
order gamma render gamma beta gamma beta index total user
render user order total index user delta
value config user render index index user order user delta
alpha render render value alpha total alpha order
render user delta config user total index config index beta value
user delta order total delta beta beta delta user config user value
user render alpha render user config beta user beta alpha gamma value
index user value order user
order gamma beta index
total index delta index total user config
alpha delta total delta
delta render config gamma user
beta total gamma render delta delta gamma alpha config alpha gamma delta
gamma index total config
gamma config total beta order alpha total alpha
value total render value total gamma value index
delta order render render
total beta beta render gamma delta value
total beta total total total total value config
alpha alpha value index order value beta user render alpha beta
config order config user
value gamma order total order gamma delta user alpha
total total order total delta index delta index alpha beta user
gamma delta value index
value order value gamma config alpha config
gamma render gamma order alpha
delta total value gamma
alpha gamma config order alpha
delta render gamma delta index
value delta beta total user
beta gamma user value value gamma
order user beta value alpha index render alpha order alpha
config alpha value order value render user
total gamma gamma value config beta total alpha
render render render delta beta total gamma total
config render beta user beta value total config order order
delta index total render order gamma render value
order beta gamma total alpha value total order render delta config
delta render index total alpha render gamma config user order
user render delta value user order config
beta alpha alpha total
total render index user total alpha beta value delta
gamma index index total value render config user value delta config
user total order gamma total delta gamma order order gamma total
value value gamma user
order total total config total alpha config
alpha gamma index total render
user index config beta alpha total total alpha
delta beta alpha order gamma beta gamma user config gamma beta
beta config total total config value user total order
alpha total user config render index render
index delta alpha index index render index order user gamma
render alpha user gamma config order config total beta render beta index
value render value total index value total index config beta beta alpha
user beta total gamma index gamma order value beta order
gamma index total render render config value
alpha alpha gamma index gamma gamma gamma
beta beta order total gamma delta
index gamma order alpha render alpha config gamma value
beta user alpha total config
value delta alpha order gamma index index render render value delta
value gamma index order gamma
alpha value alpha user delta gamma user user user
delta gamma user user config gamma order render
config total value delta index beta beta
beta delta gamma delta value index total index config delta config beta
delta order order delta gamma beta
order user order order value value delta total config value config beta
config index config user render total gamma render
total total alpha render value config order beta gamma render
total beta gamma total user total beta user render index
beta beta config index delta render value
render index alpha delta total order config index
alpha beta value beta beta order user
delta index index order
config config alpha user value index config render gamma config order
gamma config total beta gamma
total beta user beta gamma value order gamma render config order render
beta index total alpha index gamma config total
gamma user user value user
beta gamma alpha gamma render beta index gamma index gamma order
total order config beta config value alpha index
value beta delta beta config render total total order total gamma value
user total delta value index alpha render alpha total
beta user gamma order delta order user user order index alpha
total value total gamma index total index
index order delta total beta config
value delta beta alpha index gamma
beta delta render total user config value index alpha
config index user total config order gamma gamma alpha user value
alpha user beta value total delta config alpha beta
delta config beta render gamma alpha order total order
config gamma gamma beta config alpha index delta gamma beta
delta value config index beta render alpha
index config beta index beta render beta render order config user
gamma config delta delta beta
render index beta order total config delta beta value user alpha
render render render value
beta order value beta value delta value order config index
index beta alpha render value render user
value order user render config alpha index total
config order index value
render order alpha alpha render
gamma beta delta alpha index order alpha alpha
alpha index user user gamma alpha value beta value
total index beta config value render user value gamma total render index
order user user alpha order user order user alpha order index gamma
alpha order gamma order render gamma index beta total render
alpha config delta value render beta value index alpha order
beta alpha index index delta config gamma beta order value index beta
gamma render user total user beta gamma config value value user
user value gamma order render alpha user delta delta delta index
order config total render render total alpha gamma beta delta alpha
beta delta beta beta render user beta
render order index gamma config user render user order total config
gamma render delta gamma delta beta
value total config order
alpha alpha value alpha user
alpha order total index total delta total config value config alpha
value value index delta gamma
index total user beta gamma alpha value delta delta gamma delta
order gamma total alpha total order gamma render order gamma
beta config total beta config total alpha total user
total index order index
index index alpha order order
order config config alpha alpha total
order index index order delta alpha order delta index
alpha user config config alpha order value config render beta
order render value beta beta
value config alpha config order total delta order user render delta config
user render value render
index user ord